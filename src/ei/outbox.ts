import type { SqlRunner } from './sql-runner.js';
import type { NewNotification, OutboxCounts, OutboxEntry, OutboxStore } from './store.js';

const ENTRY = `id, subscriber, payload, correlation_id AS "correlationId", transactions, created_at AS "createdAt", attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", dead_at AS "deadAt", lease_owner AS "leaseOwner", lease_until AS "leaseUntil"`;

const HEAD = 'SELECT id FROM ei_outbox WHERE subscriber = ? AND dead_at IS NULL ORDER BY id LIMIT 1';

/** The row of one outbox message, parameters in the order of `enqueueParams`. */
export const ENQUEUE_SQL = 'INSERT INTO ei_outbox (subscriber, payload, correlation_id, transactions, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)';

export function enqueueParams(n: NewNotification, correlationId: string, nowMs: number): unknown[] {
  return [n.subscriber, n.payload, correlationId, n.transactions, nowMs, nowMs];
}

/**
 * The durable per-subscriber notification queue on either store (docs/ei.md, "Notification"). Rows are written
 * in the same database transaction as the engagements they report (the stores' `accept`). Leasing is one
 * conditional UPDATE of the subscriber's head: atomic on PostgreSQL (a concurrent update waits for the row and
 * re-checks the lease) and on SQLite (one writer at a time, also across processes on one file). The head is
 * never skipped: `FOR UPDATE SKIP LOCKED` would hand a later message out while an earlier one is in flight.
 */
export class Outbox implements OutboxStore {
  constructor(private readonly sql: SqlRunner) {}

  async head(subscriber: string): Promise<OutboxEntry | undefined> {
    return (await this.sql.all<OutboxEntry>(`SELECT ${ENTRY} FROM ei_outbox WHERE id = (${HEAD})`, [subscriber]))[0];
  }

  async lease(subscriber: string, owner: string, nowMs: number, untilMs: number): Promise<OutboxEntry | undefined> {
    const rows = await this.sql.all<OutboxEntry>(`UPDATE ei_outbox SET lease_owner = ?, lease_until = ?
      WHERE id = (${HEAD}) AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) RETURNING ${ENTRY}`, [owner, untilMs, subscriber, nowMs, nowMs]);
    return rows[0];
  }

  async delivered(id: number, owner: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM ei_outbox WHERE id = ? AND lease_owner = ?', [id, owner])) > 0;
  }

  async failed(id: number, owner: string, error: string, retryAtMs: number): Promise<void> {
    await this.sql.run('UPDATE ei_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [retryAtMs, error, id, owner]);
  }

  async dead(id: number, owner: string, error: string, nowMs: number): Promise<void> {
    await this.sql.run('UPDATE ei_outbox SET attempts = attempts + 1, last_error = ?, dead_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [error, nowMs, id, owner]);
  }

  async release(id: number, owner: string): Promise<void> {
    await this.sql.run('UPDATE ei_outbox SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', [id, owner]);
  }

  async pendingSubscribers(): Promise<string[]> {
    return (await this.sql.all<{ subscriber: string }>('SELECT DISTINCT subscriber FROM ei_outbox WHERE dead_at IS NULL')).map((r) => r.subscriber);
  }

  deadLetters(): Promise<OutboxEntry[]> {
    return this.sql.all<OutboxEntry>(`SELECT ${ENTRY} FROM ei_outbox WHERE dead_at IS NOT NULL ORDER BY id`);
  }

  async redeliver(ids: readonly number[] | 'all', nowMs: number): Promise<{ messages: number; subscribers: string[] }> {
    const which = ids === 'all' ? '' : ` AND id IN (${ids.map(() => '?').join(', ') || 'NULL'})`;
    const rows = await this.sql.all<{ subscriber: string }>(
      `UPDATE ei_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = ? WHERE dead_at IS NOT NULL${which} RETURNING subscriber`,
      [nowMs, ...(ids === 'all' ? [] : ids)],
    );
    return { messages: rows.length, subscribers: [...new Set(rows.map((r) => r.subscriber))] };
  }

  counts(): Promise<OutboxCounts[]> {
    return this.sql.all<OutboxCounts>(`SELECT subscriber, SUM(CASE WHEN dead_at IS NULL THEN 1 ELSE 0 END) AS pending,
      SUM(CASE WHEN dead_at IS NULL THEN 0 ELSE 1 END) AS dead FROM ei_outbox GROUP BY subscriber ORDER BY subscriber`);
  }
}
