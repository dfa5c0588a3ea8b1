import { engagementKey } from './engagement-key.js';
import type { EngagementTransaction } from './fields.js';
import type { HeldRequest, KeyedTransaction, TransactionKind } from './store.js';

/** The statements of the write lock and the held requests, the same on both stores. */
export const HELD_SQL = {
  /** writes wait while the lock is on, and also while older held requests are still to apply (their order is kept) */
  mustHold: "SELECT (EXISTS (SELECT 1 FROM ei_state WHERE key = 'writeLock') OR EXISTS (SELECT 1 FROM ei_held_request)) AS held",
  locked: "SELECT (EXISTS (SELECT 1 FROM ei_state WHERE key = 'writeLock')) AS held",
  lock: "INSERT INTO ei_state (key, value) VALUES ('writeLock', '1') ON CONFLICT (key) DO NOTHING",
  unlock: "DELETE FROM ei_state WHERE key = 'writeLock'",
  hold: 'INSERT INTO ei_held_request (kind, transactions, correlation_id, received_at) VALUES (?, ?, ?, ?)',
  oldest: 'SELECT id, kind, transactions, correlation_id AS "correlationId" FROM ei_held_request ORDER BY id LIMIT 1',
  drop: 'DELETE FROM ei_held_request WHERE id = ?',
  count: 'SELECT COUNT(*) AS n FROM ei_held_request',
} as const;

export interface HeldRow {
  id: number;
  kind: TransactionKind;
  transactions: string;
  correlationId: string;
}

/** The parameters of `HELD_SQL.hold`: the transactions without their keys (recomputed when applied). */
export function holdParams(kind: TransactionKind, transactions: readonly KeyedTransaction[], correlationId: string, nowMs: number): unknown[] {
  const plain: EngagementTransaction[] = transactions.map(({ deleteFlag, engagement }) => ({ deleteFlag, engagement }));
  return [kind, JSON.stringify(plain), correlationId, nowMs];
}

export function heldRequest(row: HeldRow): HeldRequest {
  return { kind: row.kind, transactions: JSON.parse(row.transactions) as EngagementTransaction[], correlationId: row.correlationId };
}

/** A held request's transactions with their keys again. */
export function keyed(transactions: readonly EngagementTransaction[]): KeyedTransaction[] {
  return transactions.map((t) => ({ ...t, key: engagementKey(t.engagement) }));
}
