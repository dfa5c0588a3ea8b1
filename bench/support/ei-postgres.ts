/**
 * PostgreSQL for the EI benchmarks: the server `NTJP_BENCH_POSTGRES_URL` names (a superuser URL; each run takes a
 * new database on it), else the tests' throwaway cluster (test/support/postgres.ts: initdb/pg_ctl, durability
 * off), else none (the PostgreSQL rows are left out with a note). And a bulk preload of generated engagements
 * in SQL, the same rows `generatedEngagement` gives, without a round trip per row.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { testPostgres } from '../../test/support/postgres.js';
import { openPostgres } from '../../src/store/postgres.js';
import { migratePostgres } from '../../src/store/postgres.js';
import { EI_SCHEMA_POSTGRES } from '../../src/ei/schema.js';
import { DOMAINS } from './ei-data.js';

/** A fresh, empty database URL, or undefined (with the reason printed) where no PostgreSQL is at hand. */
export async function benchPostgres(): Promise<string | undefined> {
  const given = process.env.NTJP_BENCH_POSTGRES_URL;
  if (given) {
    const name = `ntjp_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    return Object.assign(new URL(given), { pathname: `/${name}` }).toString();
  }
  const server = await testPostgres();
  if (server) return server.createDatabase();
  process.stdout.write('note: the PostgreSQL rows are left out: no NTJP_BENCH_POSTGRES_URL and no PostgreSQL binaries (apt install postgresql)\n');
  return undefined;
}

const CHUNK_RESIDENTS = 100_000;

/**
 * Fills ei_engagement with `rows` engagements (`perResident` per resident, in resident order) and ei_count, as
 * Update would store them (same columns, SHA-256 key and counters), in chunks of 100,000 residents; the primary
 * key is dropped for the load and built once at the end, as a bulk load does. Returns the seconds taken.
 */
export async function preloadPostgres(url: string, rows: number, perResident: number, owner: string): Promise<number> {
  const pool = openPostgres(url, { max: 1 });
  try {
    await migratePostgres(pool, 'ei', EI_SCHEMA_POSTGRES);
    const started = performance.now();
    await pool.query("SET maintenance_work_mem = '512MB'");
    await pool.query('ALTER TABLE ei_engagement DROP CONSTRAINT ei_engagement_pkey');
    const domains = `(ARRAY[${DOMAINS.map(([d]) => `'${d}'`).join(', ')}])[j % ${DOMAINS.length} + 1]`;
    const categorizations = `(ARRAY[${DOMAINS.map(([, c]) => `'${c}'`).join(', ')}])[j % ${DOMAINS.length} + 1]`;
    const residents = Math.ceil(rows / perResident);
    for (let from = 0; from < residents; from += CHUNK_RESIDENTS) {
      const to = Math.min(residents, from + CHUNK_RESIDENTS) - 1;
      await pool.query(`INSERT INTO ei_engagement (id, rrid, service_domain, categorization, logical_address, boii, cpiid, most_recent_content,
          source_system, creation_time, data_controller, owner)
        SELECT sha256(convert_to(rrid || sd || cat || la || boii || ss || 'SE2321000016' || $1 || 'NA', 'UTF8')), rrid, sd, cat, la, boii, 'NA', mrc, ss, '20260101000000', 'SE2321000016', $1
        FROM (SELECT '19' || lpad(i::text, 10, '0') AS rrid, ${domains} AS sd, ${categorizations} AS cat,
                'SE2321000016-' || ((i * 7 + j) % 5000) AS la, 'doc-' || j AS boii,
                '2024' || lpad((1 + j % 12)::text, 2, '0') || '15120000' AS mrc, 'SE2321000016-SYS' || ((i + j) % 40) AS ss
              FROM generate_series($2::int, $3::int) AS i, generate_series(0, $4::int - 1) AS j
              WHERE i::bigint * $4 + j < $5) AS g`, [owner, from, to, perResident, rows]);
    }
    await pool.query('ALTER TABLE ei_engagement ADD PRIMARY KEY (rrid, service_domain, categorization, id)');
    await pool.query(`INSERT INTO ei_count (service_domain, source_system, engagements)
      SELECT service_domain, source_system, COUNT(*) FROM ei_engagement GROUP BY 1, 2`);
    await pool.query('VACUUM ANALYZE ei_engagement');
    return (performance.now() - started) / 1000;
  } finally {
    await pool.end();
  }
}

/** The database's size on disk. */
export async function postgresBytes(url: string): Promise<number> {
  const pool = openPostgres(url, { max: 1 });
  try {
    return (await pool.query<{ n: number }>('SELECT pg_database_size(current_database())::bigint AS n')).rows[0]!.n;
  } finally {
    await pool.end();
  }
}
