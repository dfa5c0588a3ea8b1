import type { Engagement } from './fields.js';
import type { CountRow, EiStore, FindQuery, OutboxCounts, OutboxEntry } from './store.js';
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
  find(query: FindQuery): Promise<Engagement[]>;
  stats(): Promise<EiStats>;
  deadLetters(): Promise<OutboxEntry[]>;
  /** puts dead letters (the given ids, or all) back in their subscribers' queues; returns how many */
  redeliver(ids: readonly number[] | 'all'): Promise<number>;
  writeLockStatus(): Promise<WriteLockStatus>;
  /** lifting the lock applies the held requests; returns how many were applied */
  setWriteLock(on: boolean): Promise<WriteLockStatus & { applied: number }>;
}

/**
 * The API over a store. `wake` starts delivery to a subscriber whose queue got messages back, and `applyHeld`
 * applies held requests once the lock is lifted; without a running EI (the CLI on the store) both are left to
 * the instances, which look at the store every few seconds.
 */
export function createEiApi(p: { store: EiStore; subscribers: () => Subscriber[]; wake: (subscriber: string) => void; applyHeld: () => Promise<number> }): EiApi {
  const writeLockStatus = async (): Promise<WriteLockStatus> => ({ writeLock: await p.store.writeLocked(), heldRequests: await p.store.heldRequests() });
  return {
    find: (query) => p.store.find(query),
    stats: async () => {
      const [counts, outbox, lock] = await Promise.all([p.store.counts(), p.store.outbox.counts(), writeLockStatus()]);
      return { engagements: counts.reduce((n, c) => n + c.engagements, 0), counts, subscribers: p.subscribers(), outbox, ...lock };
    },
    deadLetters: () => p.store.outbox.deadLetters(),
    redeliver: async (ids) => {
      const { messages, subscribers } = await p.store.outbox.redeliver(ids, Date.now());
      for (const s of subscribers) p.wake(s);
      return messages;
    },
    writeLockStatus,
    setWriteLock: async (on) => {
      await p.store.setWriteLock(on);
      const applied = on ? 0 : await p.applyHeld();
      return { ...(await writeLockStatus()), applied };
    },
  };
}
