import { expect } from 'chai';
import { databaseTarget, describeTarget } from '../../src/store/database-target.js';
import { inTransaction, migratePostgres, openPostgres, type PgPool } from '../../src/store/postgres.js';
import { testDatabaseOrSkip } from '../support/postgres.js';

describe('platform.database', () => {
  it('is the SQLite file in the data folder when empty', () => {
    expect(databaseTarget({ 'platform.database': '', 'platform.dataDir': 'data' })).to.deep.equal({ kind: 'sqlite', file: 'data/ntjp.db' });
  });

  it('is PostgreSQL for postgres:// and postgresql:// URLs, and a file path otherwise', () => {
    expect(databaseTarget({ 'platform.database': 'postgres://u@h:5432/db' })).to.deep.equal({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(databaseTarget({ 'platform.database': 'postgresql://h/db' }).kind).to.equal('postgres');
    expect(databaseTarget({ 'platform.database': '/tmp/x.db' })).to.deep.equal({ kind: 'sqlite', file: '/tmp/x.db' });
  });

  it('is described without the password', () => {
    expect(describeTarget({ kind: 'postgres', url: 'postgres://u:secret@h:5432/db' })).to.equal('postgres://u:***@h:5432/db');
  });
});

describe('PostgreSQL store basics (a real throwaway server)', function () {
  this.timeout(90_000);
  let url: string;
  const pools: PgPool[] = [];
  const pool = (): PgPool => {
    const p = openPostgres(url);
    pools.push(p);
    return p;
  };
  before(async function () {
    url = await testDatabaseOrSkip(this);
  });
  after(() => Promise.all(pools.map((p) => p.end())));

  it('applies each schema step once, also when two instances migrate at the same time', async () => {
    const steps = ['CREATE TABLE m_one (id INTEGER)', 'CREATE TABLE m_two (id INTEGER)'];
    await Promise.all([migratePostgres(pool(), 'demo', steps), migratePostgres(pool(), 'demo', steps)]);
    await migratePostgres(pool(), 'demo', [...steps, 'ALTER TABLE m_one ADD COLUMN name TEXT']);
    const { rows } = await pool().query('SELECT version FROM schema_version WHERE component = $1', ['demo']);
    expect(rows).to.deep.equal([{ version: 3 }]);
    const columns = await pool().query("SELECT column_name FROM information_schema.columns WHERE table_name = 'm_one' ORDER BY 1");
    expect(columns.rows.map((r: { column_name: string }) => r.column_name)).to.deep.equal(['id', 'name']);
  });

  it('commits a transaction that finishes and rolls back one that throws, writing nothing of it', async () => {
    const p = pool();
    await p.query('CREATE TABLE t_rows (n BIGINT)');
    await inTransaction(p, (c) => c.query('INSERT INTO t_rows VALUES (1)'));
    const failed = await inTransaction(p, async (c) => {
      await c.query('INSERT INTO t_rows VALUES (2)');
      throw new Error('half-way');
    }).catch((e: Error) => e.message);
    expect(failed).to.equal('half-way');
    const { rows } = await p.query('SELECT n FROM t_rows');
    expect(rows).to.deep.equal([{ n: 1 }]);
  });
});
