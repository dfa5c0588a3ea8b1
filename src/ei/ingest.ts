import type { EngagementTransaction } from './fields.js';
import type { EiStore, HeldRequest, IngestRequest, KeyedTransaction, NewNotification, TransactionKind } from './store.js';
import type { Notifier } from './notifier.js';
import { subscriberWants, type Subscriber } from './subscribers.js';
import { processNotificationXml } from './engagement-xml.js';
import { keyed } from './held-requests.js';

export interface IngestOptions {
  store: EiStore;
  notifier: Notifier;
  subscribers: () => readonly Subscriber[];
  ownHsaId: string;
  clock?: () => Date;
}

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

  async accept(kind: TransactionKind, transactions: readonly KeyedTransaction[], correlationId: string): Promise<void> {
    // R4: a notification about this EI's own engagements is its own echo; drop it (loop prevention).
    const kept = kind === 'notification' ? transactions.filter((t) => t.engagement.owner !== this.o.ownHsaId) : transactions;
    if (kept.length === 0) return;
    const notified = await this.o.store.accept(this.request(kind, kept, correlationId));
    if (notified !== 'held') this.wake(notified);
  }

  /** Applies held requests in arrival order, one transaction each (the held row goes in the same one). Returns how many. */
  async applyHeld(): Promise<number> {
    // A read first: instances call this every second, and on SQLite the write transaction would take the file's write lock.
    if ((await this.o.store.heldRequests()) === 0) return 0;
    const asRequest = (held: HeldRequest): IngestRequest => this.request(held.kind, keyed(held.transactions), held.correlationId);
    let applied = 0;
    for (let notified = await this.o.store.applyNextHeld(asRequest); notified; notified = await this.o.store.applyNextHeld(asRequest)) {
      this.wake(notified);
      applied++;
    }
    return applied;
  }

  private request(kind: TransactionKind, transactions: readonly KeyedTransaction[], correlationId: string): IngestRequest {
    return { kind, transactions, correlationId, ownHsaId: this.o.ownHsaId, now: this.clock(), notify: (changed) => this.notifications(changed) };
  }

  /** One outbox row per subscriber that wants any of the changes. */
  private notifications(changed: readonly EngagementTransaction[]): NewNotification[] {
    return this.o.subscribers().flatMap((s) => {
      const wanted = changed.filter((t) => subscriberWants(s, t.engagement));
      return wanted.length === 0 ? [] : [{ subscriber: s.logicalAddress, payload: processNotificationXml(wanted), transactions: wanted.length }];
    });
  }

  private wake(subscribers: readonly string[]): void {
    for (const s of subscribers) this.o.notifier.wake(s);
  }
}
