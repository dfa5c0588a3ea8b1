import { expect } from 'chai';
import { join } from 'node:path';
import { ContractsService, LifecycleService, type LifecycleRow, type SystemReport } from '../../src/contracts/index.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import { openLifecycleStores } from '../../src/contracts/lifecycle/open-stores.js';
import type { StoreHost } from '../../src/store/store-host.js';
import { addMonths } from '../../src/contracts/lifecycle/months.js';
import { majorPublishedIn } from '../../src/contracts/lifecycle/revision-dates.js';
import { GCD2, GCD3, SYSTEM, lifecycleOrder, tempDir, writeRelease } from './lifecycle-fixtures.js';
import { describeEachStore } from '../support/each-store.js';
import { hostsOf } from '../support/store-host.js';
import { skipWithReason } from '../support/skip-with-reason.js';
import { openDatabase } from '../../src/store/database.js';

const at = (day: string): (() => Date) => () => new Date(`${day}T12:00:00`);

describeEachStore('contract lifecycle report (publication + 18 months)', (fresh) => {
  const snapshot = snapshotFromOrder(lifecycleOrder());
  let tmp: ReturnType<typeof tempDir>;
  const hosts = hostsOf();
  let host: StoreHost;
  let contracts: ContractsService;

  const service = (day: string): Promise<LifecycleService> => LifecycleService.open({ host, contracts, catalogue: () => snapshot, clock: at(day) });
  const row = (reports: SystemReport[], system: string, interaction = 'GetCareDocumentation'): LifecycleRow => {
    const found = reports.find((s) => s.system === system)?.rows.find((r) => r.interaction === interaction);
    if (!found) throw new Error(`no ${interaction} row for ${system}`);
    return found;
  };

  beforeEach(async () => {
    tmp = tempDir('ntjp-lifecycle-');
    host = hosts.open(await fresh());
    contracts = new ContractsService({ contractsDir: join(tmp.dir, 'contracts') });
  });

  afterEach(async () => {
    contracts.close();
    await hosts.closeAll();
    tmp.remove();
  });

  it('counts 18 months from the publication date, the last day of a shorter month when the day is missing', () => {
    expect(addMonths('2025-01-15', 18)).to.equal('2026-07-15');
    expect(addMonths('2024-08-31', 18)).to.equal('2026-02-28');
    expect(addMonths('2026-07-15', -6)).to.equal('2026-01-15');
  });

  it('says "no publication date" for an older major in use while the newest has no date, and uses the date the operator gives', async () => {
    const before = await (await service('2026-03-01')).report();
    expect(row(before, SYSTEM.oldConsumer)).to.include({ status: 'undated', statusText: 'no publication date', deadline: null });
    expect(row(before, SYSTEM.oldConsumer).newest).to.include({ namespace: GCD3, published: null, source: null });
    const corrected = await (await service('2026-03-01')).correct(GCD3, '2025-01-15', 'alice');
    expect(corrected).to.include({ namespace: GCD3, published: '2025-01-15', source: 'operator', release: '3.0', version: '3.0' });
    const after = await (await service('2026-03-01')).report();
    expect(row(after, SYSTEM.oldConsumer)).to.include({ status: 'migrate-by', statusText: 'migrate by 2026-07-15', deadline: '2026-07-15', daysToDeadline: 136 });
    expect(row(after, SYSTEM.oldConsumer).newest.basis).to.match(/^corrected by alice at /);
  });

  it('marks a system current while the deadline is more than 6 months away, migrate by within them, overdue after it', async () => {
    await (await service('2025-01-01')).correct(GCD3, '2025-01-15', 'alice');
    const statusOn = async (day: string): Promise<Pick<LifecycleRow, 'status' | 'statusText' | 'daysToDeadline'>> => {
      const r = row(await (await service(day)).report(), SYSTEM.bothProducer);
      return { status: r.status, statusText: r.statusText, daysToDeadline: r.daysToDeadline };
    };
    expect(await statusOn('2026-01-14')).to.deep.equal({ status: 'current', statusText: 'current', daysToDeadline: 182 });
    expect(await statusOn('2026-01-15')).to.deep.equal({ status: 'migrate-by', statusText: 'migrate by 2026-07-15', daysToDeadline: 181 });
    expect(await statusOn('2026-07-15')).to.deep.equal({ status: 'migrate-by', statusText: 'migrate by 2026-07-15', daysToDeadline: 0 });
    expect(await statusOn('2026-07-16')).to.deep.equal({ status: 'overdue', statusText: 'overdue since 2026-07-15', daysToDeadline: -1 });
  });

  it('shows a system with both majors live as migrating, and flags one with only the old major while the new one is routed for others', async () => {
    await (await service('2026-08-01')).correct(GCD3, '2025-01-15', 'alice');
    const report = await (await service('2026-08-01')).report();
    expect(row(report, SYSTEM.bothProducer)).to.include({ migrating: true, oldMajorOnly: false, status: 'overdue' });
    expect(row(report, SYSTEM.bothProducer).produces).to.deep.equal([2, 3]);
    expect(row(report, SYSTEM.oldConsumer)).to.include({ migrating: false, oldMajorOnly: true, status: 'overdue' });
    expect(row(report, SYSTEM.oldConsumer).permitted).to.deep.equal([2]);
    expect(row(report, SYSTEM.newProducer)).to.include({ migrating: false, oldMajorOnly: false, status: 'current', daysToDeadline: null, deadline: '2026-07-15' });
    expect(report.map((s) => [s.system, s.status, s.daysToNearestDeadline])).to.deep.equal([
      [SYSTEM.bothProducer, 'overdue', -17],
      [SYSTEM.oldConsumer, 'overdue', -17],
      [SYSTEM.caller, 'current', null],
      [SYSTEM.newProducer, 'current', null],
    ]);
  });

  it('a newest major published in the future does not count yet', async () => {
    await (await service('2024-01-01')).correct(GCD3, '2025-01-15', 'alice');
    const r = row(await (await service('2024-06-01')).report(), SYSTEM.bothProducer);
    expect(r.newest.major).to.equal(2);
    expect(r).to.include({ status: 'current', migrating: false });
  });

  it('keeps the counts pending, without waiting or throwing, while another connection holds the SQLite write lock, and writes them at the next flush', async function () {
    if (host.postgres) skipWithReason(this, 'SQLite only: a PostgreSQL lock wait holds no routed call, so its flush always waits');
    const { usage } = await openLifecycleStores(host, at('2026-03-03'));
    usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    const other = openDatabase(host.db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(await usage.flush({ waitForLock: false })).to.equal(false);
      usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(host.db.pragma('busy_timeout', { simple: true })).to.equal(5000);
    expect(await usage.calledWithin(30)).to.deep.equal([]);
    expect(await usage.flush({ waitForLock: false })).to.equal(true);
    expect(await usage.calledWithin(30)).to.deep.equal([{ sender: SYSTEM.caller, contract: GCD3, calls: 2, lastDay: '2026-03-03' }]);
  });

  it('counts as consumer use the contracts a system called in the last 30 days, from the durable per-day counts', async () => {
    const clock = { now: new Date('2026-02-01T12:00:00') };
    const { usage } = await openLifecycleStores(host, () => clock.now);
    usage.record({ sender: SYSTEM.caller, contract: GCD2 });
    await usage.flush();
    clock.now = new Date('2026-03-03T12:00:00');
    usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    usage.record({ contract: GCD3 });
    await usage.flush();
    expect(await usage.calledWithin(30)).to.deep.equal([{ sender: SYSTEM.caller, contract: GCD3, calls: 2, lastDay: '2026-03-03' }]);
    expect((await usage.calledWithin(31)).map((c) => [c.contract, c.calls])).to.deep.equal([[GCD2, 1], [GCD3, 2]]);
    await (await service('2026-03-03')).correct(GCD3, '2025-01-15', 'alice');
    const r = row(await (await service('2026-03-03')).report(), SYSTEM.caller);
    expect(r.called).to.deep.equal([{ major: 3, calls: 2, lastDay: '2026-03-03' }]);
    expect(r).to.include({ status: 'current', migrating: false });
    expect(r.permitted).to.deep.equal([]);
    expect(row(await (await service('2026-03-03')).report(), SYSTEM.caller, 'GetDiagnosis').permitted).to.deep.equal([2]);
  });

  it("dates an imported release's contracts from its WSDL revisions, else from the --published date of the import", async () => {
    const source = tempDir('ntjp-release-');
    try {
      writeRelease(source.dir, 'clinicalprocess_healthcond_description', '3.0', { interaction: 'GetCareDocumentation', domain: 'clinicalprocess:healthcond:description', major: 3, version: '3.0', revisions: ['2016-01-10: Utkast Version 3.0, a@example.se', '2016-05-04 Version 3.0, b@example.se', '2017-02-01: Version 3.1, c@example.se'] });
      writeRelease(source.dir, 'clinicalprocess_healthcond_description', '2.1', { interaction: 'GetCareDocumentation', domain: 'clinicalprocess:healthcond:description', major: 2, version: '2.1', revisions: ['2011-03-XX: Release version 2.1'] });
      const lifecycle = await service('2026-03-01');
      const releases = await contracts.importReleases(source.dir);
      await lifecycle.recordReleaseDate(releases.filter((r) => r.version === '2.1'), '2014-06-01', 'bob');
      expect((await lifecycle.versions()).get(GCD3)).to.include({ published: '2016-05-04', source: 'release-files', release: '3.0', version: '3.0' });
      expect((await lifecycle.versions()).get(GCD2)).to.include({ published: '2014-06-01', source: 'import', release: '2.1', basis: '--published at the import of clinicalprocess_healthcond_description/2.1 by bob' });
      await lifecycle.correct(GCD3, '2016-06-01', 'alice');
      expect((await lifecycle.versions()).get(GCD3)).to.include({ published: '2016-06-01', source: 'operator' });
    } finally {
      source.remove();
    }
  });

  it('reads no date from a draft (Utkast) line or a date without its day', () => {
    const doc = (lines: string): string => `<wsdl:definitions xmlns:wsdl="x"><wsdl:documentation>Revisioner:\n${lines}\n</wsdl:documentation></wsdl:definitions>`;
    expect(majorPublishedIn(doc('2013-11-20: Utkast Version 1.0, a'), 1)).to.equal(undefined);
    expect(majorPublishedIn(doc('2011-03-XX: Release version 1.1 a'), 1)).to.equal(undefined);
    expect(majorPublishedIn(doc('2010-04-21: Release version 1.0 a\n2011-03-01: Release version 1.1 a'), 1)).to.equal('2010-04-21');
    expect(majorPublishedIn(doc('2015-09-09 Version 2.0, a\n2017-03-29 Version 3.0, b'), 3)).to.equal('2017-03-29');
  });

  it('refuses a correction that is not a date or not a Responder namespace', async () => {
    const lifecycle = await service('2026-03-01');
    const refusal = (published: string, namespace = GCD3): Promise<unknown> => lifecycle.correct(namespace, published, 'alice').catch((e: unknown) => e);
    expect(await refusal('2025-02-30')).to.be.instanceOf(Error).with.property('message', 'publication date "2025-02-30" is not a date YYYY-MM-DD');
    expect(await refusal('2025-02-30')).to.have.property('code', 'NTJP_ERR_LIFECYCLE_DATE');
    expect(await refusal('2025-02-01', 'urn:riv:x')).to.be.instanceOf(Error).with.property('message', 'urn:riv:x is not a Responder namespace urn:riv:<domain>:<Interaction>Responder:<major>');
    expect(await refusal('2025-02-01', 'urn:riv:x')).to.have.property('code', 'NTJP_ERR_LIFECYCLE_CONTRACT');
  });

  it('adds up the call counts that two instances on one database flush at the same time, losing none', async function () {
    this.timeout(20_000);
    const target = await fresh();
    const clock = (): Date => new Date('2026-03-03T12:00:00');
    const [a, b] = [(await openLifecycleStores(hosts.open(target), clock)).usage, (await openLifecycleStores(hosts.open(target), clock)).usage];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3; i++) a.record({ sender: SYSTEM.caller, contract: GCD3 });
      for (let i = 0; i < 5; i++) b.record({ sender: SYSTEM.caller, contract: GCD3 });
      b.record({ sender: SYSTEM.caller, contract: GCD2 });
      await Promise.all([a.flush(), b.flush()]);
    }
    expect(await a.calledWithin(1)).to.deep.equal([
      { sender: SYSTEM.caller, contract: GCD2, calls: 10, lastDay: '2026-03-03' },
      { sender: SYSTEM.caller, contract: GCD3, calls: 80, lastDay: '2026-03-03' },
    ]);
  });

  it('reports at once, on another instance of the same database, a date corrected through one', async () => {
    const target = await fresh();
    const open = (): Promise<LifecycleService> => LifecycleService.open({ host: hosts.open(target), contracts, catalogue: () => snapshot, clock: at('2026-03-01') });
    const [a, b] = [await open(), await open()];
    expect(row(await b.report(), SYSTEM.oldConsumer)).to.include({ status: 'undated' });
    await a.correct(GCD3, '2025-01-15', 'alice');
    expect(row(await b.report(), SYSTEM.oldConsumer)).to.include({ status: 'migrate-by', deadline: '2026-07-15' });
  });
});
