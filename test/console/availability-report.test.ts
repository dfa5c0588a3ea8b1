import { expect } from 'chai';
import { OutageError, type AvailabilityStore } from '../../src/console/availability/store.js';
import { openAvailabilityStore } from '../../src/console/availability/open-store.js';
import { availabilityPercent, downIntervals, monthReport, TARGET_PERCENT } from '../../src/console/availability/report.js';
import { monthsBetween } from '../../src/console/availability/month.js';
import { describeEachStore } from '../support/each-store.js';
import { hostsOf } from '../support/store-host.js';

const PRODUCER = 'SE2321000016-PROD';
const CONTRACT = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
const HOUR_MS = 3_600_000;
const MARCH_START = Date.UTC(2026, 2, 1);
const MARCH_MS = 31 * 24 * HOUR_MS;

async function observe(store: AvailabilityStore, atMs: number, up: boolean): Promise<void> {
  await store.observe({ producer: PRODUCER, contract: CONTRACT, up, source: 'probe', atMs });
}

describeEachStore('console availability: the service terms formula per calendar month', (fresh) => {
  const hosts = hostsOf();
  after(() => hosts.closeAll());
  const freshStore = async (): Promise<AvailabilityStore> => openAvailabilityStore(hosts.open(await fresh()));

  it('computes 100 − downtime/total × 100 and has a target of 99.80 %', () => {
    expect(availabilityPercent(0, 1000)).to.equal(100);
    expect(availabilityPercent(2, 1000)).to.be.closeTo(99.8, 1e-9);
    expect(availabilityPercent(0, 0)).to.equal(undefined);
    expect(TARGET_PERCENT).to.equal(99.8);
  });

  it('counts downtime from a change to down until the next change to up, and an open one until the end, each with its cause', () => {
    const changes = [
      { atMs: 10, up: true, source: 'probe' as const, detail: '' },
      { atMs: 20, up: false, source: 'call' as const, detail: 'VP009' },
      { atMs: 30, up: true, source: 'probe' as const, detail: '' },
      { atMs: 50, up: false, source: 'probe' as const, detail: '' },
    ];
    expect(downIntervals(changes, 70)).to.deep.equal([
      { fromMs: 20, toMs: 30, cause: 'call through the hub: VP009' },
      { fromMs: 50, toMs: 70, cause: 'probe: down' },
    ]);
  });

  it('stores only changes of state, so repeated equal observations add no rows', async () => {
    const store = await freshStore();
    await observe(store, MARCH_START, true);
    await observe(store, MARCH_START + 1, true);
    await observe(store, MARCH_START + 2, false);
    await observe(store, MARCH_START + 3, false);
    expect((await store.changes(PRODUCER, CONTRACT, MARCH_START + 10)).map((c) => c.up)).to.deep.equal([true, false]);
  });

  it('gives a whole past month with 2 hours down 99.73 %, below the target', async () => {
    const store = await freshStore();
    await observe(store, MARCH_START, true);
    await observe(store, MARCH_START + 10 * HOUR_MS, false);
    await observe(store, MARCH_START + 12 * HOUR_MS, true);
    const report = await monthReport(store, '2026-03', Date.UTC(2026, 5, 1));
    expect(report.rows).to.have.length(1);
    const row = report.rows[0]!;
    expect(row.totalMs).to.equal(MARCH_MS);
    expect(row.downtimeMs).to.equal(2 * HOUR_MS);
    expect(row.percent).to.be.closeTo(100 - (2 / (31 * 24)) * 100, 1e-9);
    expect(row.percent!.toFixed(2)).to.equal('99.73');
    expect(row.meetsTarget).to.equal(false);
  });

  it('takes a planned outage out of the downtime but not out of the total time', async () => {
    const store = await freshStore();
    await observe(store, MARCH_START, true);
    await observe(store, MARCH_START + 10 * HOUR_MS, false);
    await observe(store, MARCH_START + 12 * HOUR_MS, true);
    await store.addOutage({ producer: PRODUCER, contract: '', fromMs: MARCH_START + 9 * HOUR_MS, toMs: MARCH_START + 11.5 * HOUR_MS, note: 'upgrade' }, MARCH_START);
    const row = (await monthReport(store, '2026-03', Date.UTC(2026, 5, 1))).rows[0]!;
    expect(row.observedDowntimeMs).to.equal(2 * HOUR_MS);
    expect(row.plannedMs).to.equal(1.5 * HOUR_MS);
    expect(row.downtimeMs).to.equal(0.5 * HOUR_MS);
    expect(row.totalMs).to.equal(MARCH_MS);
    expect(row.meetsTarget).to.equal(true);
  });

  it('applies an outage recorded for one contract only to that contract', async () => {
    const store = await freshStore();
    await observe(store, MARCH_START + 10 * HOUR_MS, false);
    await observe(store, MARCH_START + 11 * HOUR_MS, true);
    await store.addOutage({ producer: PRODUCER, contract: 'urn:other:1', fromMs: MARCH_START, toMs: MARCH_START + 20 * HOUR_MS, note: '' }, MARCH_START);
    expect((await monthReport(store, '2026-03', Date.UTC(2026, 5, 1))).rows[0]!.downtimeMs).to.equal(HOUR_MS);
  });

  it('splits a down period over a month boundary and measures the current month up to now', async () => {
    const store = await freshStore();
    await observe(store, Date.UTC(2026, 2, 31, 23), false);
    await observe(store, Date.UTC(2026, 3, 1, 1), true);
    const now = Date.UTC(2026, 3, 2);
    expect((await monthReport(store, '2026-03', now)).rows[0]!.downtimeMs).to.equal(HOUR_MS);
    const april = (await monthReport(store, '2026-04', now)).rows[0]!;
    expect(april.downtimeMs).to.equal(HOUR_MS);
    expect(april.totalMs).to.equal(24 * HOUR_MS);
  });

  it('starts the monitored time at the first observation and leaves earlier months out', async () => {
    const store = await freshStore();
    await observe(store, MARCH_START + 24 * HOUR_MS, true);
    expect((await monthReport(store, '2026-02', Date.UTC(2026, 5, 1))).rows).to.deep.equal([]);
    expect((await monthReport(store, '2026-03', Date.UTC(2026, 5, 1))).rows[0]!.totalMs).to.equal(30 * 24 * HOUR_MS);
  });

  it('refuses a planned outage that ends before it starts, and stores nothing', async () => {
    const store = await freshStore();
    const refused = await store.addOutage({ producer: PRODUCER, contract: '', fromMs: 10, toMs: 5, note: '' }, 0).catch((e: Error) => e);
    expect(refused).to.be.instanceOf(OutageError).with.property('message', 'A planned outage must end after it starts.');
    expect(await store.outages(0, 100)).to.deep.equal([]);
  });

  it('lists months newest first', () => {
    expect(monthsBetween(Date.UTC(2025, 11, 15), Date.UTC(2026, 1, 2))).to.deep.equal(['2026-02', '2026-01', '2025-12']);
  });

  it('lists the producers below the target first, the least available first, and those meeting it after them', async () => {
    const store = await freshStore();
    const at = (h: number): number => MARCH_START + h * HOUR_MS;
    for (const [producer, downHours] of [['SE2321000016-AAAA', 0], ['SE2321000016-BBBB', 3], ['SE2321000016-CCCC', 2], ['SE2321000016-DDDD', 0.5]] as const) {
      await store.observe({ producer, contract: CONTRACT, up: true, source: 'probe', atMs: at(0) });
      if (downHours === 0) continue;
      await store.observe({ producer, contract: CONTRACT, up: false, source: 'call', atMs: at(10), detail: 'VP009' });
      await store.observe({ producer, contract: CONTRACT, up: true, source: 'probe', atMs: at(10 + downHours) });
    }
    const rows = (await monthReport(store, '2026-03', Date.UTC(2026, 3, 1))).rows;
    // 3 h and 2 h of a 744 h month are below 99.80 % (at most 1.488 h); 0.5 h (99.93 %) and none meet it
    expect(rows.map((r) => [r.producer, r.meetsTarget])).to.deep.equal([
      ['SE2321000016-BBBB', false],
      ['SE2321000016-CCCC', false],
      ['SE2321000016-DDDD', true],
      ['SE2321000016-AAAA', true],
    ]);
  });

  it('shows a planned outage recorded through one instance to another on the same database, and its deletion too', async () => {
    const target = await fresh();
    const [a, b] = [await openAvailabilityStore(hosts.open(target)), await openAvailabilityStore(hosts.open(target))];
    const outage = await a.addOutage({ producer: ` ${PRODUCER} `, contract: '', fromMs: MARCH_START, toMs: MARCH_START + HOUR_MS, note: 'upgrade' }, MARCH_START);
    expect(await b.outages(MARCH_START, MARCH_START + MARCH_MS)).to.deep.equal([{ id: outage.id, producer: PRODUCER, contract: '', fromMs: MARCH_START, toMs: MARCH_START + HOUR_MS, note: 'upgrade' }]);
    expect(await b.deleteOutage(outage.id)).to.equal(true);
    expect(await a.outages(MARCH_START, MARCH_START + MARCH_MS)).to.deep.equal([]);
    expect(await a.deleteOutage(outage.id)).to.equal(false);
  });

  it('adds up the state changes two instances observe, each in its order, and a restarted instance stores only changes', async () => {
    const target = await fresh();
    const [a, b] = [await openAvailabilityStore(hosts.open(target)), await openAvailabilityStore(hosts.open(target))];
    await observe(a, MARCH_START, true);
    await observe(b, MARCH_START + HOUR_MS, false);
    await observe(a, MARCH_START + 2 * HOUR_MS, true);
    expect((await b.changes(PRODUCER, CONTRACT, MARCH_START + MARCH_MS)).map((c) => [c.atMs - MARCH_START, c.up])).to.deep.equal([[0, true], [HOUR_MS, false], [2 * HOUR_MS, true]]);
    expect(await b.keys()).to.deep.equal([{ producer: PRODUCER, contract: CONTRACT, firstMs: MARCH_START }]);
    const restarted = await openAvailabilityStore(hosts.open(target));
    expect(await restarted.observe({ producer: PRODUCER, contract: CONTRACT, up: true, source: 'probe', atMs: MARCH_START + 3 * HOUR_MS })).to.equal(false);
  });
});
