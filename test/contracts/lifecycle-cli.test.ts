import { expect } from 'chai';
import { join } from 'node:path';
import { command } from '../../src/cli/commands/contracts.js';
import { runCli } from '../support/run-cli.js';
import { openDatabase } from '../../src/store/database.js';
import { PgTakStore, SqliteTakStore, TakService } from '../../src/tak/index.js';
import { openPostgres } from '../../src/store/postgres.js';
import { ContractsService, LifecycleService } from '../../src/contracts/index.js';
import { databaseTarget } from '../../src/store/database-target.js';
import { testDatabaseOrSkip } from '../support/postgres.js';
import { hostsOf } from '../support/store-host.js';
import { GCD3, SYSTEM, lifecycleOrder, tempDir, writeRelease } from './lifecycle-fixtures.js';

/** Runs `ntjp contracts …` in-process, capturing stdout and stderr. */
const contracts = (...args: string[]): Promise<{ code: number; out: string; err: string }> => runCli(command, args);

describe('ntjp contracts lifecycle, published and import --published (CLI)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: string[];

  beforeEach(async () => {
    tmp = tempDir('ntjp-lifecycle-cli-');
    const database = join(tmp.dir, 'elsewhere', 'catalogue.db');
    store = ['--data-dir', join(tmp.dir, 'data'), '--database', database];
    const db = openDatabase(database);
    const tak = new TakService(new SqliteTakStore(db));
    await tak.order(lifecycleOrder(), { dryRun: false, user: 'test' });
    await tak.publish('test', 'lifecycle');
    db.close();
  });
  afterEach(() => tmp.remove());

  it('prints the report as JSON or as a table, for every system or one, from the --database file', async () => {
    expect((await contracts('published', GCD3, '2020-01-31', '--user', 'cli-tester', ...store)).code).to.equal(0);
    const json = await contracts('lifecycle', '--format', 'json', '--system', SYSTEM.oldConsumer.toLowerCase(), ...store);
    expect(json.code).to.equal(0);
    const report = JSON.parse(json.out) as { systems: Array<{ system: string; rows: Array<Record<string, unknown>> }> };
    expect(report.systems.map((s) => s.system)).to.deep.equal([SYSTEM.oldConsumer]);
    expect(report.systems[0]!.rows[0]).to.include({ interaction: 'GetCareDocumentation', deadline: '2021-07-31', status: 'overdue', statusText: 'overdue since 2021-07-31', oldMajorOnly: true });
    const table = (await contracts('lifecycle', '--format', 'table', ...store)).out.split('\n');
    expect(table[0]).to.match(/^SYSTEM\s+DOMAIN\s+CONTRACT\s+IN USE\s+NEWEST\s+PUBLISHED\s+DEADLINE\s+STATUS\s+NOTE$/);
    expect(table[2]).to.match(new RegExp(`^${SYSTEM.bothProducer}\\s+clinicalprocess:healthcond:description\\s+GetCareDocumentation\\s+2,3\\s+3 \\(3\\.0\\)\\s+2020-01-31 operator\\s+2021-07-31\\s+overdue since 2021-07-31\\s+migrating$`));
  });

  it('records --published for an imported release whose files state no date, and refuses a bad date or system', async () => {
    const source = tempDir('ntjp-release-');
    try {
      writeRelease(source.dir, 'clinicalprocess_healthcond_description', '3.0', { interaction: 'GetCareDocumentation', domain: 'clinicalprocess:healthcond:description', major: 3, version: '3.0', revisions: [] });
      const imported = await contracts('import', source.dir, '--published', '2019-05-01', '--format', 'table', ...store);
      expect(imported.out).to.match(/^imported clinicalprocess_healthcond_description\/3\.0 \(1 files\) into .+; 1 contracts: 0 dated by the release's files, 1 by --published\n$/);
      const row = JSON.parse((await contracts('lifecycle', '--format', 'json', '--system', SYSTEM.bothProducer, ...store)).out).systems[0].rows[0];
      expect(row.newest).to.include({ published: '2019-05-01', source: 'import', release: '3.0' });
      expect(await contracts('published', GCD3, '2019-13-01', ...store)).to.deep.include({ code: 1, err: 'ntjp contracts published: NTJP_ERR_LIFECYCLE_DATE: publication date "2019-13-01" is not a date YYYY-MM-DD\n' });
      expect(await contracts('lifecycle', '--system', 'SE2321000016-NONE', ...store)).to.deep.include({ code: 1, err: 'ntjp contracts lifecycle: NTJP_ERR_LIFECYCLE_SYSTEM: SE2321000016-NONE is neither producer nor consumer in the published catalogue\n' });
    } finally {
      source.remove();
    }
  });
});

describe('ntjp contracts on PostgreSQL (--database postgres://…)', function () {
  this.timeout(90_000);
  let url: string;
  let tmp: ReturnType<typeof tempDir>;
  const hosts = hostsOf();
  before(async function () {
    url = await testDatabaseOrSkip(this);
    tmp = tempDir('ntjp-lifecycle-cli-pg-');
  });
  after(async () => {
    await hosts.closeAll();
    tmp?.remove();
  });

  it('writes a corrected publication date to the PostgreSQL database, where a platform instance on it reads it', async () => {
    const store = ['--data-dir', join(tmp.dir, 'data'), '--database', url];
    const published = await contracts('published', GCD3, '2020-01-31', '--user', 'cli-tester', '--format', 'json', ...store);
    expect(published.code).to.equal(0);
    expect(JSON.parse(published.out)).to.include({ namespace: GCD3, published: '2020-01-31', source: 'operator' });
    const contractsService = new ContractsService({ contractsDir: join(tmp.dir, 'contracts') });
    try {
      const instance = await LifecycleService.open({ host: hosts.open(databaseTarget({ 'platform.database': url })), contracts: contractsService, catalogue: () => undefined });
      expect((await instance.versions()).get(GCD3)).to.include({ published: '2020-01-31', source: 'operator' });
      expect((await instance.versions()).get(GCD3)!.basis).to.match(/^corrected by cli-tester at /);
    } finally {
      contractsService.close();
    }
  });

  it('reports the systems of the catalogue published on the PostgreSQL database', async () => {
    const pool = openPostgres(url);
    try {
      const tak = new TakService(new PgTakStore(pool));
      await tak.order(lifecycleOrder(), { dryRun: false, user: 'test' });
      await tak.publish('test', 'lifecycle');
    } finally {
      await pool.end();
    }
    const json = await contracts('lifecycle', '--format', 'json', '--system', SYSTEM.oldConsumer, '--data-dir', join(tmp.dir, 'data'), '--database', url);
    expect(json.code, json.err).to.equal(0);
    const report = JSON.parse(json.out) as { systems: Array<{ system: string; rows: Array<Record<string, unknown>> }> };
    expect(report.systems.map((s) => s.system)).to.deep.equal([SYSTEM.oldConsumer]);
    expect(report.systems[0]!.rows[0]).to.include({ interaction: 'GetCareDocumentation', oldMajorOnly: true });
  });
});
