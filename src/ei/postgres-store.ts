import { inTransaction, type PgClient, type PgPool } from '../store/postgres.js';
import { localTimestamp } from '../shared/local-time.js';
import { Outbox, ENQUEUE_SQL, enqueueParams } from './outbox.js';
import { postgresRunner, type SqlRunner } from './sql-runner.js';
import { HELD_SQL, heldRequest, holdParams, type HeldRow } from './held-requests.js';
import { applyOnPostgres } from './postgres-engagements.js';
import { COUNTS_SQL, findSql, toEngagement, type EngagementRow } from './engagement-sql.js';
import type { CountRow, EiStore, FindQuery, HeldRequest, IngestRequest } from './store.js';
import type { Engagement } from './fields.js';

/**
 * Writes take this advisory lock shared; lifting the write lock and applying held requests take it exclusively,
 * so no request on another instance slips past a held one while the lock changes hands.
 */
const WRITE_GATE = 0x65695f77;

/** Deadlock and serialization failures: the transaction was rolled back whole and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
    }
  }
}

/** The EI on PostgreSQL, shared by every instance on the database (docs/ei.md, "Storage"). */
export class PostgresEiStore implements EiStore {
  readonly outbox: Outbox;
  private readonly sql: SqlRunner;

  constructor(private readonly pool: PgPool) {
    this.sql = postgresRunner(pool);
    this.outbox = new Outbox(this.sql);
  }

  accept(request: IngestRequest): Promise<string[] | 'held'> {
    return retried(() => inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock_shared($1)', [WRITE_GATE]);
      const tx = postgresRunner(c);
      if (await flag(tx, HELD_SQL.mustHold)) {
        await tx.run(HELD_SQL.hold, holdParams(request.kind, request.transactions, request.correlationId, request.now.getTime()));
        return 'held' as const;
      }
      return apply(c, request);
    }));
  }

  applyNextHeld(applyAs: (held: HeldRequest) => IngestRequest): Promise<string[] | undefined> {
    return retried(() => inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_GATE]);
      const tx = postgresRunner(c);
      if (await flag(tx, HELD_SQL.locked)) return undefined;
      const [row] = await tx.all<HeldRow>(HELD_SQL.oldest);
      if (!row) return undefined;
      await tx.run(HELD_SQL.drop, [row.id]);
      return apply(c, applyAs(heldRequest(row)));
    }));
  }

  writeLocked(): Promise<boolean> {
    return flag(this.sql, HELD_SQL.locked);
  }

  async setWriteLock(on: boolean): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_GATE]);
      await c.query(on ? HELD_SQL.lock : HELD_SQL.unlock);
    });
  }

  async heldRequests(): Promise<number> {
    return (await this.sql.all<{ n: number }>(HELD_SQL.count))[0]!.n;
  }

  async find(query: FindQuery): Promise<Engagement[]> {
    const { sql, params } = findSql(query);
    return (await this.sql.all<EngagementRow>(sql, params)).map(toEngagement);
  }

  counts(): Promise<CountRow[]> {
    return this.sql.all<CountRow>(COUNTS_SQL);
  }
}

async function flag(sql: SqlRunner, text: string): Promise<boolean> {
  return Boolean((await sql.all<{ held: boolean }>(text))[0]!.held);
}

/** Inside the transaction: the engagements, then one outbox row per subscriber that wants some of the changes. */
async function apply(c: PgClient, r: IngestRequest): Promise<string[]> {
  const changed = await applyOnPostgres(c, r.kind, r.ownHsaId, r.transactions, localTimestamp(r.now));
  if (changed.length === 0) return [];
  const notifications = r.notify(changed);
  const tx = postgresRunner(c);
  for (const n of notifications) await tx.run(ENQUEUE_SQL, enqueueParams(n, r.correlationId, r.now.getTime()));
  return notifications.map((n) => n.subscriber);
}
