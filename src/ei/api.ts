import type { Engagement } from './fields.js';
import type { CountRow, EngagementStore, FindQuery } from './engagement-store.js';
import type { Outbox, OutboxCounts, OutboxEntry } from './outbox.js';
import type { Notifier } from './notifier.js';
import type { Ingest } from './ingest.js';
import type { Subscriber } from './subscribers.js';

export interface EiStats {
  engagements: number;
  /** counts per service domain and source system */
  counts: CountRow[];
  subscribers: Subscriber[];
  /** queued and dead-lettered notifications per subscriber */
  outbox: OutboxCounts[];
  writeLock: boolean;
  heldRequests: number;
}

export interface WriteLockStatus {
  writeLock: boolean;
  heldRequests: number;
}

/** What the console, the REST API and the CLI use (`ctx.use<EiApi>('ei')`). */
export interface EiApi {
  find(query: FindQuery): Engagement[];
  stats(): EiStats;
  deadLetters(): OutboxEntry[];
  /** puts dead letters (the given ids, or all) back in their subscribers' queues; returns how many */
  redeliver(ids: readonly number[] | 'all'): number;
  writeLockStatus(): WriteLockStatus;
  /** lifting the lock applies the held requests; returns how many were applied */
  setWriteLock(on: boolean): WriteLockStatus & { applied: number };
}

export function createEiApi(p: { store: EngagementStore; outbox: Outbox; notifier: Notifier; ingest: Ingest; subscribers: () => Subscriber[] }): EiApi {
  const writeLockStatus = (): WriteLockStatus => ({ writeLock: p.ingest.writeLocked(), heldRequests: p.ingest.heldRequests() });
  return {
    find: (query) => p.store.find(query),
    stats: () => {
      const counts = p.store.counts();
      return { engagements: counts.reduce((n, c) => n + c.engagements, 0), counts, subscribers: p.subscribers(), outbox: p.outbox.counts(), ...writeLockStatus() };
    },
    deadLetters: () => p.outbox.deadLetters(),
    redeliver: (ids) => {
      const { messages, subscribers } = p.outbox.redeliver(ids, Date.now());
      for (const s of subscribers) p.notifier.wake(s);
      return messages;
    },
    writeLockStatus,
    setWriteLock: (on) => {
      const applied = p.ingest.setWriteLock(on);
      return { ...writeLockStatus(), applied };
    },
  };
}
