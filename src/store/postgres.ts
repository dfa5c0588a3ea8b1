import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

// BIGINT (int8) columns hold counts, ids and millisecond times here, all far below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

/** A pool of connections to the platform's PostgreSQL database (`platform.database` = postgres://…). */
export function openPostgres(url: string, opts: { max?: number; applicationName?: string } = {}): PgPool {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: opts.applicationName ?? 'ntjp-emulator' });
  // An idle connection that the server drops (restart, admin kill) errors on the pool: the next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Any number, so that two instances starting at once on one database migrate one after the other. */
const MIGRATION_LOCK = 0x6e746a70;

/**
 * Applies a component's PostgreSQL schema steps in order, once each, each in its own transaction, as
 * `migrate` does for SQLite (src/store/database.ts). A session advisory lock serializes instances that
 * start together; `steps[i]` brings the schema from version i to i+1.
 */
export async function migratePostgres(pool: PgPool, component: string, steps: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version WHERE component = $1', [component]);
    for (let v = rows[0]?.version ?? 0; v < steps.length; v++) {
      await client.query('BEGIN');
      try {
        await client.query(steps[v]!);
        await client.query(
          'INSERT INTO schema_version (component, version) VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET version = excluded.version',
          [component, v + 1],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
