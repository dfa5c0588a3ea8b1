/**
 * Issue 6 acceptance: the journal read across two journal systems and the full booking cycle incl. a
 * guardian, every call through the hub over mutual TLS, every request and answer validated against the
 * official schemas (when the reference folder is present).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { referenceDir, validatePayloadXml } from '../support/riv-reference.js';
import { takComponent } from '../../src/tak/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { eiComponent } from '../../src/ei/index.js';
import { agpComponent } from '../../src/agp/index.js';
import { silentLogger } from '../../src/shared/log.js';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import { demoReferenceSystems } from '../../src/services/demo/roles.js';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS } from '../../src/services/demo/systems.js';
import { startAndConnect, type StartedSystem } from '../../src/services/runner.js';
import { CitizenClient } from '../../src/services/citizen/citizen-client.js';

const GUARDIAN = '191212121212';
const CHILD = '201207122381';
const STRANGER = '195712012995';
const [J1, J2] = DEMO_SYSTEMS.filter((s) => s.role === 'journal');
const BOOKING = DEMO_SYSTEMS.find((s) => s.role === 'booking')!;
const BVC = BOOKING.careUnits[1]!.hsaId;
/** the journal and booking flows; the inbox and certificate flows have their own e2e tests */
const MY_ROLES = new Set(['journal', 'booking']);

describe('citizen flows end to end through the hub (issue 6)', function () {
  this.timeout(60000);
  let tp: TestPlatform;
  let started: StartedSystem[];
  let citizen: CitizenClient;
  const exchanges: Array<{ request: string; answer: SoapAnswer }> = [];
  let dataDir = '';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-e2e-'));
    tp = await startTestPlatform({ components: [takComponent, vpComponent, eiComponent, agpComponent] });
    const systems = demoReferenceSystems().filter((s) => MY_ROLES.has(DEMO_SYSTEMS.find((d) => d.hsaId === s.hsaId)!.role));
    started = await startAndConnect(tp.ctx, systems, {
      env: { host: '127.0.0.1', publicHost: '127.0.0.1', certsDir: tp.certsDir, dataDir, hubHttpsUrl: tp.hubHttpsUrl, platformHsaId: tp.ctx.platformHsaId, demoData: true, log: silentLogger },
      portOf: () => 0,
      citizenHsaId: CITIZEN_CONSUMER_HSA_ID,
    });
    citizen = new CitizenClient({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent(CITIZEN_CONSUMER_HSA_ID) }, tp.ctx.platformHsaId, (request, answer) => exchanges.push({ request, answer }));
  });
  after(async () => {
    for (const s of (started ?? []).reverse()) await s.running.close();
    await tp?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async function () {
    const batch = exchanges.splice(0);
    if (!referenceDir()) return;
    for (const { request, answer } of batch) {
      expect(await validatePayloadXml(request), `request ${request.slice(0, 300)}`).to.deep.equal([]);
      if (!answer.envelope?.fault) expect(await validatePayloadXml(answer.body), `answer ${answer.body.slice(0, 300)}`).to.deep.equal([]);
    }
  });

  /** EI stores Updates asynchronously in the real platform; poll (bounded) until both sources answer. */
  async function journalUntil(personId: string, sources: number) {
    let last = await citizen.journal(personId);
    for (let i = 0; i < 40 && last.sources.length < sources; i++) {
      await new Promise((r) => setTimeout(r, 100));
      last = await citizen.journal(personId);
    }
    return last;
  }

  it('merges the care documentation of two journal systems, with a ProcessingStatus entry per source', async () => {
    const { entries, sources } = await journalUntil(GUARDIAN, 2);
    expect(sources.map((s) => s.logicalAddress).sort()).to.deep.equal([J1!.hsaId, J2!.hsaId].sort());
    expect(sources.every((s) => s.statusCode === 'DataFromSource')).to.equal(true);
    expect(new Set(entries.map((e) => e.sourceSystem))).to.deep.equal(new Set([J1!.hsaId, J2!.hsaId]));
    expect(entries.map((e) => e.careUnit)).to.include('Akademiska sjukhuset, Infektionskliniken').and.include('Vårdcentralen Solna');
  });

  it('books for a child as guardian, rebooks, sees it in the aggregated schedule and cancels', async () => {
    const free = await citizen.freeSlots(BVC, CHILD, '20000101', '29991231');
    expect(free.length).to.be.greaterThan(2);
    const made = await citizen.book({ careUnit: BVC, start: free[0]!.start, personId: CHILD, firstName: 'Lilla', lastName: 'Tolvansson', reason: '18-månaderskontroll' }, GUARDIAN);
    expect(made.resultCode).to.equal('OK');
    let schedule = await citizen.bookings(CHILD, GUARDIAN);
    for (let i = 0; i < 40 && schedule.bookings.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      schedule = await citizen.bookings(CHILD, GUARDIAN);
    }
    expect(schedule.bookings.map((b) => [b.bookingId, b.start, b.careUnit])).to.deep.equal([[made.bookingId, free[0]!.start, BVC]]);
    expect(schedule.sources.map((s) => s.logicalAddress)).to.deep.equal([BVC]);

    expect(await citizen.rebook(BVC, made.bookingId!, free[1]!.start, CHILD, GUARDIAN)).to.deep.equal({ resultCode: 'OK', resultText: undefined, bookingId: undefined });
    expect((await citizen.bookings(CHILD, GUARDIAN)).bookings[0]!.start).to.equal(free[1]!.start);

    expect((await citizen.cancel(BVC, made.bookingId!, CHILD, GUARDIAN)).resultCode).to.equal('OK');
    expect((await citizen.freeSlots(BVC, CHILD, '20000101', '29991231')).map((s) => s.start)).to.include(free[0]!.start).and.include(free[1]!.start);
  });

  it('refuses a booking for a child by someone without custody, with the contract ERROR', async () => {
    const [slot] = await citizen.freeSlots(BVC, CHILD, '20000101', '29991231');
    const refused = await citizen.book({ careUnit: BVC, start: slot!.start, personId: CHILD, firstName: 'Lilla', lastName: 'Tolvansson' }, STRANGER);
    expect(refused).to.deep.equal({ resultCode: 'ERROR', resultText: `Du (${STRANGER}) har inte behörighet att hantera bokningar för ${CHILD}. Vårdnadshavare kan boka för sina barn.`, bookingId: undefined });
  });
});
