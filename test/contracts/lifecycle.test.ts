import { expect } from 'chai';
import { join } from 'node:path';
import { ContractsService, LifecycleService, type LifecycleRow, type SystemReport } from '../../src/contracts/index.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import { UsageStore } from '../../src/contracts/lifecycle/usage-store.js';
import { addMonths } from '../../src/contracts/lifecycle/months.js';
import { majorPublishedIn } from '../../src/contracts/lifecycle/revision-dates.js';
import { GCD2, GCD3, SYSTEM, lifecycleOrder, tempDir, writeRelease } from './lifecycle-fixtures.js';

const at = (day: string): (() => Date) => () => new Date(`${day}T12:00:00`);

describe('contract lifecycle report (publication + 18 months)', () => {
  const snapshot = snapshotFromOrder(lifecycleOrder());
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let contracts: ContractsService;

  const service = (day: string): LifecycleService => new LifecycleService({ db, contracts, catalogue: () => snapshot, clock: at(day) });
  const row = (reports: SystemReport[], system: string, interaction = 'GetCareDocumentation'): LifecycleRow => {
    const found = reports.find((s) => s.system === system)?.rows.find((r) => r.interaction === interaction);
    if (!found) throw new Error(`no ${interaction} row for ${system}`);
    return found;
  };

  beforeEach(() => {
    tmp = tempDir('ntjp-lifecycle-');
    db = openDatabase(join(tmp.dir, 'ntjp.db'));
    contracts = new ContractsService({ contractsDir: join(tmp.dir, 'contracts') });
  });

  afterEach(() => {
    contracts.close();
    db.close();
    tmp.remove();
  });

  it('counts 18 months from the publication date, the last day of a shorter month when the day is missing', () => {
    expect(addMonths('2025-01-15', 18)).to.equal('2026-07-15');
    expect(addMonths('2024-08-31', 18)).to.equal('2026-02-28');
    expect(addMonths('2026-07-15', -6)).to.equal('2026-01-15');
  });

  it('says "no publication date" for an older major in use while the newest has no date, and uses the date the operator gives', () => {
    const before = service('2026-03-01').report();
    expect(row(before, SYSTEM.oldConsumer)).to.include({ status: 'undated', statusText: 'no publication date', deadline: null });
    expect(row(before, SYSTEM.oldConsumer).newest).to.include({ namespace: GCD3, published: null, source: null });
    const corrected = service('2026-03-01').correct(GCD3, '2025-01-15', 'alice');
    expect(corrected).to.include({ namespace: GCD3, published: '2025-01-15', source: 'operator', release: '3.0', version: '3.0' });
    const after = service('2026-03-01').report();
    expect(row(after, SYSTEM.oldConsumer)).to.include({ status: 'migrate-by', statusText: 'migrate by 2026-07-15', deadline: '2026-07-15', daysToDeadline: 136 });
    expect(row(after, SYSTEM.oldConsumer).newest.basis).to.match(/^corrected by alice at /);
  });

  it('marks a system current while the deadline is more than 6 months away, migrate by within them, overdue after it', () => {
    service('2025-01-01').correct(GCD3, '2025-01-15', 'alice');
    const statusOn = (day: string): Pick<LifecycleRow, 'status' | 'statusText' | 'daysToDeadline'> => {
      const r = row(service(day).report(), SYSTEM.bothProducer);
      return { status: r.status, statusText: r.statusText, daysToDeadline: r.daysToDeadline };
    };
    expect(statusOn('2026-01-14')).to.deep.equal({ status: 'current', statusText: 'current', daysToDeadline: 182 });
    expect(statusOn('2026-01-15')).to.deep.equal({ status: 'migrate-by', statusText: 'migrate by 2026-07-15', daysToDeadline: 181 });
    expect(statusOn('2026-07-15')).to.deep.equal({ status: 'migrate-by', statusText: 'migrate by 2026-07-15', daysToDeadline: 0 });
    expect(statusOn('2026-07-16')).to.deep.equal({ status: 'overdue', statusText: 'overdue since 2026-07-15', daysToDeadline: -1 });
  });

  it('shows a system with both majors live as migrating, and flags one with only the old major while the new one is routed for others', () => {
    service('2026-08-01').correct(GCD3, '2025-01-15', 'alice');
    const report = service('2026-08-01').report();
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

  it('a newest major published in the future does not count yet', () => {
    service('2024-01-01').correct(GCD3, '2025-01-15', 'alice');
    const r = row(service('2024-06-01').report(), SYSTEM.bothProducer);
    expect(r.newest.major).to.equal(2);
    expect(r).to.include({ status: 'current', migrating: false });
  });

  it('keeps the counts pending, without waiting or throwing, while another connection holds the write lock, and writes them at the next flush', () => {
    const usage = new UsageStore(db, at('2026-03-03'));
    usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    const other = openDatabase(db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(usage.flush({ waitForLock: false })).to.equal(false);
      usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(db.pragma('busy_timeout', { simple: true })).to.equal(5000);
    expect(usage.calledWithin(30)).to.deep.equal([]);
    expect(usage.flush({ waitForLock: false })).to.equal(true);
    expect(usage.calledWithin(30)).to.deep.equal([{ sender: SYSTEM.caller, contract: GCD3, calls: 2, lastDay: '2026-03-03' }]);
  });

  it('counts as consumer use the contracts a system called in the last 30 days, from the durable per-day counts', () => {
    const clock = { now: new Date('2026-02-01T12:00:00') };
    const usage = new UsageStore(db, () => clock.now);
    usage.record({ sender: SYSTEM.caller, contract: GCD2 });
    usage.flush();
    clock.now = new Date('2026-03-03T12:00:00');
    usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    usage.record({ sender: SYSTEM.caller, contract: GCD3 });
    usage.record({ contract: GCD3 });
    usage.flush();
    expect(usage.calledWithin(30)).to.deep.equal([{ sender: SYSTEM.caller, contract: GCD3, calls: 2, lastDay: '2026-03-03' }]);
    expect(usage.calledWithin(31).map((c) => [c.contract, c.calls])).to.deep.equal([[GCD2, 1], [GCD3, 2]]);
    service('2026-03-03').correct(GCD3, '2025-01-15', 'alice');
    const r = row(service('2026-03-03').report(), SYSTEM.caller);
    expect(r.called).to.deep.equal([{ major: 3, calls: 2, lastDay: '2026-03-03' }]);
    expect(r).to.include({ status: 'current', migrating: false });
    expect(r.permitted).to.deep.equal([]);
    expect(row(service('2026-03-03').report(), SYSTEM.caller, 'GetDiagnosis').permitted).to.deep.equal([2]);
  });

  it("dates an imported release's contracts from its WSDL revisions, else from the --published date of the import", async () => {
    const source = tempDir('ntjp-release-');
    try {
      writeRelease(source.dir, 'clinicalprocess_healthcond_description', '3.0', { interaction: 'GetCareDocumentation', domain: 'clinicalprocess:healthcond:description', major: 3, version: '3.0', revisions: ['2016-01-10: Utkast Version 3.0, a@example.se', '2016-05-04 Version 3.0, b@example.se', '2017-02-01: Version 3.1, c@example.se'] });
      writeRelease(source.dir, 'clinicalprocess_healthcond_description', '2.1', { interaction: 'GetCareDocumentation', domain: 'clinicalprocess:healthcond:description', major: 2, version: '2.1', revisions: ['2011-03-XX: Release version 2.1'] });
      const lifecycle = service('2026-03-01');
      const releases = await contracts.importReleases(source.dir);
      lifecycle.recordReleaseDate(releases.filter((r) => r.version === '2.1'), '2014-06-01', 'bob');
      expect(lifecycle.versions().get(GCD3)).to.include({ published: '2016-05-04', source: 'release-files', release: '3.0', version: '3.0' });
      expect(lifecycle.versions().get(GCD2)).to.include({ published: '2014-06-01', source: 'import', release: '2.1', basis: '--published at the import of clinicalprocess_healthcond_description/2.1 by bob' });
      lifecycle.correct(GCD3, '2016-06-01', 'alice');
      expect(lifecycle.versions().get(GCD3)).to.include({ published: '2016-06-01', source: 'operator' });
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

  it('refuses a correction that is not a date or not a Responder namespace', () => {
    const lifecycle = service('2026-03-01');
    expect(() => lifecycle.correct(GCD3, '2025-02-30', 'alice')).to.throw('publication date "2025-02-30" is not a date YYYY-MM-DD').with.property('code', 'NTJP_ERR_LIFECYCLE_DATE');
    expect(() => lifecycle.correct('urn:riv:x', '2025-02-01', 'alice')).to.throw('urn:riv:x is not a Responder namespace urn:riv:<domain>:<Interaction>Responder:<major>').with.property('code', 'NTJP_ERR_LIFECYCLE_CONTRACT');
  });
});
