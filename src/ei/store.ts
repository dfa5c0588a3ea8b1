import type { Engagement, EngagementField, EngagementTransaction } from './fields.js';

export type TransactionKind = 'update' | 'notification';

/** A validated transaction and its key. */
export interface KeyedTransaction extends EngagementTransaction {
  key: Buffer;
}

/** FindContent criteria: equality on each given field, `mostRecentContent` as "at or after" (docs/ei.md). */
export type FindQuery = Partial<Record<EngagementField, string>> & { registeredResidentIdentification: string; serviceDomain: string };

export interface CountRow {
  serviceDomain: string;
  sourceSystem: string;
  engagements: number;
}

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
  /** the notifier delivering it now, and until when (ms) the message is its own */
  leaseOwner: string | null;
  leaseUntil: number | null;
}

export interface OutboxCounts {
  subscriber: string;
  pending: number;
  dead: number;
}

/** A ProcessNotification to queue: one per subscriber that wants some of a request's changes. */
export interface NewNotification {
  subscriber: string;
  payload: string;
  transactions: number;
}

/** One Update / ProcessNotification to apply, with what the store needs to stamp and notify it. */
export interface IngestRequest {
  kind: TransactionKind;
  transactions: readonly KeyedTransaction[];
  correlationId: string;
  /** this EI's HSA-id (R5: its own copy of a notified engagement is replaced) */
  ownHsaId: string;
  now: Date;
  /** the outbox rows for the changes the request made (new, changed and deleted engagements, as stored) */
  notify: (changed: readonly EngagementTransaction[]) => NewNotification[];
}

/** A request kept while writes are locked; applied later, in arrival order. */
export interface HeldRequest {
  kind: TransactionKind;
  transactions: EngagementTransaction[];
  correlationId: string;
}

/**
 * The per-subscriber notification queue (docs/ei.md, "Notification"). Several notifiers (instances) may work on
 * one queue: a message is sent only by the one holding its lease, and only the oldest message of a
 * subscriber can be leased, so order per subscriber holds across instances.
 */
export interface OutboxStore {
  /** The oldest message still to deliver to this subscriber, leased or not; later ones wait for it. */
  head(subscriber: string): Promise<OutboxEntry | undefined>;
  /** Leases the subscriber's head to `owner` until `untilMs`, if it is due and nobody else holds a live lease on it. */
  lease(subscriber: string, owner: string, nowMs: number, untilMs: number): Promise<OutboxEntry | undefined>;
  /** Removes a delivered message; false when the lease was lost meanwhile (another notifier may send it too). */
  delivered(id: number, owner: string): Promise<boolean>;
  /** Records a failed attempt, to retry at `retryAtMs`, and releases the lease. */
  failed(id: number, owner: string, error: string, retryAtMs: number): Promise<void>;
  /** Makes the message a dead letter and releases the lease. */
  dead(id: number, owner: string, error: string, nowMs: number): Promise<void>;
  /** Gives the message back undelivered (shutdown), so another notifier need not wait for the lease to expire. */
  release(id: number, owner: string): Promise<void>;
  /** Subscribers with messages still to deliver. */
  pendingSubscribers(): Promise<string[]>;
  deadLetters(): Promise<OutboxEntry[]>;
  /** Puts dead letters (all, or the given ids) back at the head of their queues. */
  redeliver(ids: readonly number[] | 'all', nowMs: number): Promise<{ messages: number; subscribers: string[] }>;
  counts(): Promise<OutboxCounts[]>;
}

/**
 * The EI's durable state: engagements and their counters, the outbox, requests held by the write lock and the
 * lock itself. SQLite (src/ei/sqlite-store.ts) or PostgreSQL (src/ei/postgres-store.ts); test/ei/store.test.ts
 * runs the same cases on both.
 */
export interface EiStore {
  readonly outbox: OutboxStore;
  /**
   * Applies a request and queues its notifications in one transaction (all or nothing); returns the subscribers
   * notified. While writes are locked, or older held requests wait, the request is kept instead ('held').
   */
  accept(request: IngestRequest): Promise<string[] | 'held'>;
  /** Applies the oldest held request (and removes it) in one transaction; undefined when none is left or writes are locked. */
  applyNextHeld(apply: (held: HeldRequest) => IngestRequest): Promise<string[] | undefined>;
  writeLocked(): Promise<boolean>;
  setWriteLock(on: boolean): Promise<void>;
  heldRequests(): Promise<number>;
  find(query: FindQuery): Promise<Engagement[]>;
  counts(): Promise<CountRow[]>;
}
