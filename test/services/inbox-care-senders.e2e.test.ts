/**
 * Issue 6 inbox flow as the demo wires it: the care systems of the demo table (journal, booking) hold the
 * permissions to the 1177 inkorg in the generated catalogue order, a journal system sends a message that the
 * citizen reads and the sender sees read, and the booking system confirms a MakeBooking in the inbox. Every
 * call goes through the hub over mutual TLS; every request and answer is validated (official 1.0 XSDs, our
 * emulated 2.0 schemas).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { referenceDir, validatePayloadXml } from '../support/riv-reference.js';
import { validateEmulatedXml } from './support/emulated-schemas.js';
import { takComponent } from '../../src/tak/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { eiComponent } from '../../src/ei/index.js';
import { agpComponent } from '../../src/agp/index.js';
import { silentLogger } from '../../src/shared/log.js';
import { callThroughHub, type SoapAnswer } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { childText, children } from '../../src/shared/xml/tree.js';
import { ROLE_FACTORIES } from '../../src/services/demo/roles.js';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS, demoSystem } from '../../src/services/demo/systems.js';
import { createBookingSystem } from '../../src/services/booking/booking-system.js';
import { startAndConnect, type StartedSystem } from '../../src/services/runner.js';
import { CitizenClient } from '../../src/services/citizen/citizen-client.js';
import { PortalClient } from '../../src/services/citizen/portal-client.js';
import { InboxSender } from '../../src/services/inbox/inbox-sender.js';
import { INBOX_NS } from '../../src/services/inbox/inbox-contracts.js';

const TOLVAN = '191212121212';
const CHILD = '201207122381';
const JOURNAL = demoSystem('journal-stockholm');
const BOOKING = demoSystem('booking-stockholm');
const INBOX_ROW = DEMO_SYSTEMS.find((s) => s.role === 'inbox')!;
const INBOX = INBOX_ROW.careUnits[0]!.hsaId;
const SOLNA = BOOKING.careUnits[0]!;

describe('1177 inkorg used by the demo care systems, through the hub over mutual TLS (issue 6)', function () {
  this.timeout(60000);
  let tp: TestPlatform;
  let dataDir: string;
  let started: StartedSystem[];
  let citizen: CitizenClient;
  let portal: PortalClient;
  const exchanges: Array<{ request: string; answer: SoapAnswer }> = [];
  const observe = (request: string, answer: SoapAnswer): void => void exchanges.push({ request, answer });

  before(async () => {
    tp = await startTestPlatform({ components: [takComponent, vpComponent, eiComponent, agpComponent] });
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-inbox-senders-'));
    const systems = [
      ROLE_FACTORIES.journal!(JOURNAL, 0),
      // The demo's booking system, with an observer of its inbox calls for the schema checks.
      createBookingSystem({ ...BOOKING, inboxAddress: INBOX, observeInbox: observe }),
      ROLE_FACTORIES.inbox!(INBOX_ROW, 0),
    ];
    started = await startAndConnect(tp.ctx, systems, {
      env: { host: '127.0.0.1', publicHost: '127.0.0.1', certsDir: tp.certsDir, dataDir, hubHttpsUrl: tp.hubHttpsUrl, platformHsaId: tp.ctx.platformHsaId, demoData: true, log: silentLogger },
      portOf: () => 0,
      citizenHsaId: CITIZEN_CONSUMER_HSA_ID,
    });
    citizen = new CitizenClient({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent(CITIZEN_CONSUMER_HSA_ID) }, tp.ctx.platformHsaId, observe);
    portal = new PortalClient(tp.mtlsAgent(CITIZEN_CONSUMER_HSA_ID), { inboxUrl: started.find((s) => s.system.name === INBOX_ROW.name)!.running.url, minaIntygUrl: '' });
  });
  after(async () => {
    for (const s of (started ?? []).reverse()) await s.running.close();
    await tp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const { request, answer } of exchanges.splice(0)) {
      for (const xml of answer.envelope?.fault ? [request] : [request, answer.body]) {
        const problems = xml.includes('urn:riv-emulated:') ? validateEmulatedXml(xml) : referenceDir() ? await validatePayloadXml(xml) : [];
        expect(problems, xml.slice(0, 400)).to.deep.equal([]);
      }
    }
  });

  it('gives the journal and booking systems the inbox permissions in the demo catalogue order', () => {
    const permitted = (consumer: string, ns: string): boolean =>
      (tp.ctx.catalogue.current()?.permissions ?? []).some((p) => p.consumer === consumer && p.namespace === ns && p.logicalAddress === INBOX);
    for (const sender of [JOURNAL.hsaId, BOOKING.hsaId]) {
      for (const ns of Object.values(INBOX_NS)) expect(permitted(sender, ns), `${sender} → ${ns}`).to.equal(true);
    }
  });

  it('lets a journal system send a message that the citizen reads, and shows the sender Read with the time', async () => {
    const journal = new InboxSender({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent(JOURNAL.hsaId) }, INBOX, observe);
    expect(await journal.isActiveUser(TOLVAN)).to.equal(true);
    const sent = await journal.addMessage({ personId: TOLVAN, careUnit: JOURNAL.careUnits[0]!, purpose: 'RESULT', subject: 'Provsvar', text: 'Dina provsvar är klara.', replyAllowed: true, sourceSystem: JOURNAL.hsaId });
    expect(sent.resultCode).to.equal('OK');
    const opened = (await portal.read(TOLVAN, sent.messageId!)) as { readAt: string; threadId: string; subject: string };
    expect(opened.subject).to.equal('Provsvar');
    const status = rivRequest(INBOX, `<GetMessageThreadStatus xmlns="${INBOX_NS.getMessageThreadStatus}"><careUnitId>${JOURNAL.careUnits[0]!.hsaId}</careUnitId><messageThreadId>${opened.threadId}</messageThreadId></GetMessageThreadStatus>`);
    const answer = await callThroughHub({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent(JOURNAL.hsaId) }, status);
    observe(status, answer);
    const [message] = children(answer.envelope!.payload, 'message');
    expect([childText(message, 'status'), childText(message, 'readTime')]).to.deep.equal(['Read', opened.readAt]);
  });

  it('confirms a booking in the citizen inbox with purpose APPOINTMENT', async () => {
    const [slot] = await citizen.freeSlots(SOLNA.hsaId, TOLVAN, '20000101', '29991231');
    const made = await citizen.book({ careUnit: SOLNA.hsaId, start: slot!.start, personId: TOLVAN, firstName: 'Tolvan', lastName: 'Tolvansson' });
    expect(made.resultCode).to.equal('OK');
    const { messages } = (await portal.messages(TOLVAN)) as { messages: Array<{ purpose: string; subject: string; text: string; unit: { unitId: string } }> };
    const confirmation = messages.find((m) => m.text.includes(made.bookingId!));
    expect(confirmation).to.deep.include({ purpose: 'APPOINTMENT', subject: 'Bokningsbekräftelse' });
    expect(confirmation!.unit.unitId).to.equal(SOLNA.hsaId);
    expect(exchanges.filter((e) => e.request.includes(INBOX_NS.addMessage))).to.have.length(1);
  });

  it('books for a child without a confirmation: the child is not an active inbox user', async () => {
    const bvc = BOOKING.careUnits[1]!.hsaId;
    const [slot] = await citizen.freeSlots(bvc, CHILD, '20000101', '29991231');
    const made = await citizen.book({ careUnit: bvc, start: slot!.start, personId: CHILD, firstName: 'Lilla', lastName: 'Tolvansson' }, TOLVAN);
    expect(made.resultCode).to.equal('OK');
    const inboxCalls = exchanges.filter((e) => e.request.includes('patientportal'));
    expect(inboxCalls.map((e) => childText(e.answer.envelope!.payload, 'status'))).to.deep.equal(['false']);
  });
});
