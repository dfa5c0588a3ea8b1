import type { Db } from '../store/database.js';
import type { EngagementTransaction } from './fields.js';
import { engagementKey } from './engagement-key.js';
import type { EngagementStore, KeyedTransaction, TransactionKind } from './engagement-store.js';
import type { Outbox } from './outbox.js';
import type { Notifier } from './notifier.js';
import { subscriberWants, type Subscriber } from './subscribers.js';
import { processNotificationXml } from './engagement-xml.js';
import { localTimestamp } from '../shared/local-time.js';

export interface IngestOptions {
  db: Db;
  store: EngagementStore;
  outbox: Outbox;
  notifier: Notifier;
  subscribers: () => readonly Subscriber[];
  ownHsaId: string;
  clock?: () => Date;
}

const WRITE_LOCK = 'writeLock';

/**
 * Applies validated Update / ProcessNotification requests. We go beyond the real EI, which answers OK before
 * persisting: each request is one database transaction together with its outbox rows, so OK means
 * committed. Under the write lock requests are kept, in order, and applied when it is lifted (docs/ei.md,
 * "Operations"); OK then means durably queued.
 */
export class Ingest {
  private readonly clock: () => Date;

  constructor(private readonly o: IngestOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  accept(kind: TransactionKind, transactions: readonly KeyedTransaction[], correlationId: string): void {
    // R4: a notification about this EI's own engagements is its own echo; drop it (loop prevention).
    const kept = kind === 'notification' ? transactions.filter((t) => t.engagement.owner !== this.o.ownHsaId) : transactions;
    if (kept.length === 0) return;
    if (this.writeLocked()) {
      const plain: EngagementTransaction[] = kept.map(({ deleteFlag, engagement }) => ({ deleteFlag, engagement }));
      this.o.db.prepare('INSERT INTO ei_held_request (kind, transactions, correlation_id, received_at) VALUES (?, ?, ?, ?)')
        .run(kind, JSON.stringify(plain), correlationId, this.clock().getTime());
      return;
    }
    this.wake(this.o.db.transaction(() => this.apply(kind, kept, correlationId))());
  }

  writeLocked(): boolean {
    return this.o.db.prepare('SELECT value FROM ei_state WHERE key = ?').get(WRITE_LOCK) !== undefined;
  }

  heldRequests(): number {
    return (this.o.db.prepare('SELECT COUNT(*) AS n FROM ei_held_request').get() as { n: number }).n;
  }

  /** Sets the lock; lifting it applies the held requests in arrival order. Returns how many were applied. */
  setWriteLock(on: boolean): number {
    if (on) {
      this.o.db.prepare("INSERT OR IGNORE INTO ei_state (key, value) VALUES (?, '1')").run(WRITE_LOCK);
      return 0;
    }
    this.o.db.prepare('DELETE FROM ei_state WHERE key = ?').run(WRITE_LOCK);
    return this.applyHeld();
  }

  /** Applies held requests, one transaction each (the held row goes in the same one). */
  applyHeld(): number {
    if (this.writeLocked()) return 0;
    const next = this.o.db.prepare('SELECT id, kind, transactions, correlation_id AS correlationId FROM ei_held_request ORDER BY id LIMIT 1');
    const drop = this.o.db.prepare('DELETE FROM ei_held_request WHERE id = ?');
    let applied = 0;
    for (let row = next.get() as HeldRow | undefined; row; row = next.get() as HeldRow | undefined) {
      const held = row;
      const transactions = (JSON.parse(held.transactions) as EngagementTransaction[]).map((t) => ({ ...t, key: engagementKey(t.engagement) }));
      this.wake(this.o.db.transaction(() => {
        drop.run(held.id);
        return this.apply(held.kind, transactions, held.correlationId);
      })());
      applied++;
    }
    return applied;
  }

  /** Inside a transaction: store, then one outbox row per subscriber that wants any of the changes. */
  private apply(kind: TransactionKind, transactions: readonly KeyedTransaction[], correlationId: string): string[] {
    const now = this.clock();
    const changed = this.o.store.apply(kind, this.o.ownHsaId, transactions, localTimestamp(now));
    const notified: string[] = [];
    if (changed.length === 0) return notified;
    for (const s of this.o.subscribers()) {
      const wanted = changed.filter((t) => subscriberWants(s, t.engagement));
      if (wanted.length === 0) continue;
      this.o.outbox.enqueue(s.logicalAddress, processNotificationXml(wanted), correlationId, wanted.length, now.getTime());
      notified.push(s.logicalAddress);
    }
    return notified;
  }

  private wake(subscribers: readonly string[]): void {
    for (const s of subscribers) this.o.notifier.wake(s);
  }
}

interface HeldRow {
  id: number;
  kind: TransactionKind;
  transactions: string;
  correlationId: string;
}
