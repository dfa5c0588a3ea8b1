import { inTransaction, migratePostgres, type PgPool } from '../../store/postgres.js';
import { LIFECYCLE_SCHEMA_POSTGRES } from './schema.js';
import { UsageStore, type ContractCalls, type DayCount } from './usage-store.js';

/** The per-day call counts in the PostgreSQL database that several instances share. */
export class PgUsageStore extends UsageStore {
  private constructor(
    private readonly pool: PgPool,
    clock?: () => Date,
  ) {
    super(clock);
  }

  static async open(pool: PgPool, clock?: () => Date): Promise<PgUsageStore> {
    await migratePostgres(pool, 'lifecycle', LIFECYCLE_SCHEMA_POSTGRES);
    return new PgUsageStore(pool, clock);
  }

  /** Always waits for the lock: on PostgreSQL a wait holds no routed call. */
  protected async write(counts: readonly DayCount[], keepFrom: string): Promise<boolean> {
    await inTransaction(this.pool, async (client) => {
      // One statement adds every count to the stored one: no read-modify-write, so no count is lost to another instance's flush.
      await client.query(
        `INSERT INTO lifecycle_usage (day, sender, contract, calls) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
          ON CONFLICT (day, sender, contract) DO UPDATE SET calls = lifecycle_usage.calls + excluded.calls`,
        [counts.map((c) => c.day), counts.map((c) => c.sender), counts.map((c) => c.contract), counts.map((c) => c.calls)],
      );
      await client.query('DELETE FROM lifecycle_usage WHERE day < $1', [keepFrom]);
    });
    return true;
  }

  protected async readSince(since: string): Promise<ContractCalls[]> {
    const { rows } = await this.pool.query<ContractCalls>(
      'SELECT sender, contract, SUM(calls)::BIGINT AS calls, MAX(day) AS "lastDay" FROM lifecycle_usage WHERE day >= $1 GROUP BY sender, contract ORDER BY sender COLLATE "C", contract COLLATE "C"',
      [since],
    );
    return rows;
  }
}
