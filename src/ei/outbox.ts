import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';

/** One ProcessNotification waiting for (or given up on) one subscriber. */
export interface OutboxEntry {
  id: number;
  subscriber: string;
  payload: string;
  correlationId: string;
  transactions: number;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** set once the message is a dead letter */
  deadAt: number | null;
}

export interface OutboxCounts {
  subscriber: string;
  pending: number;
  dead: number;
}

const ENTRY = `id, subscriber, payload, correlation_id AS correlationId, transactions, created_at AS createdAt, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, dead_at AS deadAt`;

/**
 * The durable per-subscriber notification queue (docs/ei.md, "Notification"). Rows are written in the same database
 * transaction as the engagements they report, so a commit never loses or half-writes a notification.
 */
export class Outbox {
  private readonly insert: Statement;
  private readonly head: Statement;
  private readonly remove: Statement;
  private readonly retry: Statement;
  private readonly bury: Statement;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO ei_outbox (subscriber, payload, correlation_id, transactions, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.head = db.prepare(`SELECT ${ENTRY} FROM ei_outbox WHERE subscriber = ? AND dead_at IS NULL ORDER BY id LIMIT 1`);
    this.remove = db.prepare('DELETE FROM ei_outbox WHERE id = ?');
    this.retry = db.prepare('UPDATE ei_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?');
    this.bury = db.prepare('UPDATE ei_outbox SET attempts = attempts + 1, last_error = ?, dead_at = ? WHERE id = ?');
  }

  enqueue(subscriber: string, payload: string, correlationId: string, transactions: number, nowMs: number): void {
    this.insert.run(subscriber, payload, correlationId, transactions, nowMs, nowMs);
  }

  /** The oldest message still to deliver to this subscriber; later ones wait for it (order per subscriber). */
  next(subscriber: string): OutboxEntry | undefined {
    return this.head.get(subscriber) as OutboxEntry | undefined;
  }

  delivered(id: number): void {
    this.remove.run(id);
  }

  failed(id: number, error: string, retryAtMs: number): void {
    this.retry.run(retryAtMs, error, id);
  }

  dead(id: number, error: string, nowMs: number): void {
    this.bury.run(error, nowMs, id);
  }

  /** Subscribers with messages still to deliver (workers restart for them after a restart). */
  pendingSubscribers(): string[] {
    return (this.db.prepare('SELECT DISTINCT subscriber FROM ei_outbox WHERE dead_at IS NULL').all() as Array<{ subscriber: string }>).map((r) => r.subscriber);
  }

  deadLetters(): OutboxEntry[] {
    return this.db.prepare(`SELECT ${ENTRY} FROM ei_outbox WHERE dead_at IS NOT NULL ORDER BY id`).all() as OutboxEntry[];
  }

  /** Puts dead letters (all, or the given ids) back at the head of their queues. */
  redeliver(ids: readonly number[] | 'all', nowMs: number): { messages: number; subscribers: string[] } {
    const which = ids === 'all' ? '' : ` AND id IN (${ids.map(() => '?').join(', ') || 'NULL'})`;
    const params = ids === 'all' ? [] : ids;
    return this.db.transaction(() => {
      const subs = this.db.prepare(`SELECT DISTINCT subscriber FROM ei_outbox WHERE dead_at IS NOT NULL${which}`).all(...params) as Array<{ subscriber: string }>;
      const { changes } = this.db.prepare(`UPDATE ei_outbox SET dead_at = NULL, attempts = 0, next_attempt_at = ? WHERE dead_at IS NOT NULL${which}`).run(nowMs, ...params);
      return { messages: changes, subscribers: subs.map((s) => s.subscriber) };
    })();
  }

  counts(): OutboxCounts[] {
    return this.db.prepare(`SELECT subscriber, SUM(dead_at IS NULL) AS pending, SUM(dead_at IS NOT NULL) AS dead
      FROM ei_outbox GROUP BY subscriber ORDER BY subscriber`).all() as OutboxCounts[];
  }
}
