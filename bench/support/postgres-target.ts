/**
 * A fresh PostgreSQL database for a benchmark: on the server NTJP_BENCH_POSTGRES_URL names (a superuser URL;
 * the benchmark creates its own database there), else on the tests' throwaway cluster (test/support/postgres.ts,
 * started from the machine's initdb/pg_ctl and removed at exit). Undefined, with the reason, where neither is at hand.
 */
import { POSTGRES_MISSING, testPostgres } from '../../test/support/postgres.js';
import type { DatabaseTarget } from '../../src/store/database-target.js';

export async function benchPostgres(): Promise<{ target: DatabaseTarget } | { missing: string }> {
  if (process.env.NTJP_BENCH_POSTGRES_URL) process.env.NTJP_TEST_POSTGRES_URL = process.env.NTJP_BENCH_POSTGRES_URL;
  const server = await testPostgres();
  if (!server) return { missing: `${POSTGRES_MISSING}, or set NTJP_BENCH_POSTGRES_URL` };
  return { target: { kind: 'postgres', url: await server.createDatabase() } };
}
