/**
 * Every demo system at once, as `ntjp start` runs them: the whole platform (COMPONENTS) with services.run on
 * free ports, one dev PKI. Each system's TLS server is reachable with the 1177 certificate, and the citizen
 * REST API drives every flow across systems: the merged journal, a booking confirmed in the inbox, and a
 * certificate sent to the receiver and revoked.
 */
import { expect } from 'chai';
import { request } from 'undici';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { citizenApi } from './support/citizen-api.js';
import { COMPONENTS } from '../../src/app/components.js';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS, ROLE_FACTORIES, type ServicesApi } from '../../src/services/index.js';
import { LEGACY_CONSUMERS } from '../../src/services/demo/lifecycle-demo.js';

const TOLVAN = '191212121212';
const SOLNA = DEMO_SYSTEMS.find((s) => s.role === 'booking')!.careUnits[0]!.hsaId;
const RECEIVER = DEMO_SYSTEMS.find((s) => s.role === 'certificate-receiver')!.careUnits[0]!.hsaId;

describe('all demo systems started together, as ntjp start does (issue 6)', function () {
  this.timeout(60000);
  let tp: TestPlatform;

  before(async () => {
    tp = await startTestPlatform({ components: COMPONENTS, settings: { 'services.run': true, 'services.fixedPorts': false } });
  });
  after(async () => tp?.close());

  const api = citizenApi(() => tp.adminUrl);

  it('starts every demo system that has an implementation, each answering TLS with a certificate of the hub CA', async () => {
    const started = tp.ctx.use<ServicesApi>('services').systems();
    expect(started.map((s) => s.system.name)).to.deep.equal(DEMO_SYSTEMS.filter((d) => ROLE_FACTORIES[d.role]).map((d) => d.name));
    for (const s of started) {
      // A TLS failure (unknown CA, missing chain) would throw here; any HTTP answer means the handshake passed.
      const res = await request(`${s.running.url}/`, { dispatcher: tp.mtlsAgent(CITIZEN_CONSUMER_HSA_ID), headersTimeout: 10_000 });
      await res.body.dump();
      expect(res.statusCode, s.system.name).to.be.within(200, 599);
    }
  });

  it('shows every contract lifecycle status: overdue and migrating, migrate by, overdue on the old major only, current', async () => {
    const res = await request(`${tp.adminUrl}/api/lifecycle`);
    const report = (await res.body.json()) as { systems: Array<{ system: string; rows: Array<{ interaction: string; status: string; migrating: boolean; oldMajorOnly: boolean }> }> };
    const row = (system: string, interaction: string): { status: string; migrating: boolean; oldMajorOnly: boolean } => {
      const r = report.systems.find((s) => s.system === system)!.rows.find((x) => x.interaction === interaction)!;
      return { status: r.status, migrating: r.migrating, oldMajorOnly: r.oldMajorOnly };
    };
    const journal = DEMO_SYSTEMS.find((s) => s.role === 'journal')!.hsaId;
    const booking = DEMO_SYSTEMS.find((s) => s.role === 'booking')!.hsaId;
    expect(row(journal, 'GetCareDocumentation')).to.deep.equal({ status: 'overdue', migrating: true, oldMajorOnly: false });
    expect(row(journal, 'GetLaboratoryOrderOutcome')).to.deep.equal({ status: 'migrate-by', migrating: true, oldMajorOnly: false });
    expect(row(LEGACY_CONSUMERS[0]!.hsaId, 'GetCareDocumentation')).to.deep.equal({ status: 'overdue', migrating: false, oldMajorOnly: true });
    expect(row(booking, 'MakeBooking')).to.deep.equal({ status: 'current', migrating: false, oldMajorOnly: false });
  });

  it('merges the journal of both journal systems', async () => {
    let journal = await api('GET', `/${TOLVAN}/journal`);
    // The journal systems' EI Updates are stored asynchronously; poll (bounded) until both sources answer.
    for (let i = 0; i < 40 && journal.body.sources?.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      journal = await api('GET', `/${TOLVAN}/journal`);
    }
    expect(journal.body.sources.map((s: { logicalAddress: string }) => s.logicalAddress).sort()).to.deep.equal(DEMO_SYSTEMS.filter((s) => s.role === 'journal').map((s) => s.hsaId).sort());
  });

  it('confirms a booking in the citizen inbox, and reading it marks it read', async () => {
    const slots = await api('GET', `/${TOLVAN}/free-slots?careUnit=${SOLNA}`);
    const made = await api('POST', `/${TOLVAN}/bookings`, { careUnit: SOLNA, start: slots.body[0].start, firstName: 'Tolvan', lastName: 'Tolvansson' });
    expect(made.body.resultCode).to.equal('OK');
    const inbox = await api('GET', `/${TOLVAN}/inbox`);
    const confirmation = inbox.body.messages.find((m: { text: string }) => m.text.includes(made.body.bookingId));
    expect(confirmation).to.deep.include({ purpose: 'APPOINTMENT', subject: 'Bokningsbekräftelse', readAt: null });
    const read = await api('GET', `/${TOLVAN}/inbox/${confirmation.messageId}`);
    expect(read.body.readAt).to.be.a('string');
    expect((await api('GET', `/${TOLVAN}/inbox/unread`)).body.unreadCount).to.equal(inbox.body.unreadCount - 1);
  });

  it('sends a certificate to the receiver, follows it and revokes it', async () => {
    const sent = await api('POST', `/${TOLVAN}/certificates`, { receiver: RECEIVER });
    expect(sent.body).to.deep.include({ status: 'received', resultCode: 'OK', receiver: RECEIVER });
    expect((await api('GET', `/certificates/${sent.body.id}`)).body.status).to.equal('received');
    expect((await api('POST', `/certificates/${sent.body.id}/revoke`)).body).to.deep.include({ status: 'revoked', resultCode: 'OK' });
  });
});
