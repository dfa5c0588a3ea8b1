import type { Logger } from '../shared/log.js';
import { randomUUID } from 'node:crypto';
import type { OutboxEntry, OutboxStore } from './store.js';

export interface RetryPolicy {
  timeoutMs: number;
  maxRedeliveries: number;
  redeliveryDelayMs: number;
  backoffMultiplier: number;
  maxRedeliveryDelayMs: number;
}

/** Sends one message; throws when the subscriber faulted, answered garbage, or could not be reached in time. */
export type Deliver = (entry: OutboxEntry, signal: AbortSignal) => Promise<void>;

export interface NotifierOptions {
  outbox: OutboxStore;
  deliver: Deliver;
  policy: RetryPolicy;
  /** how long a message is this notifier's once leased; longer than `policy.timeoutMs` */
  leaseMs: number;
  /** longest wait before looking at a queue again whose head another notifier holds */
  pollMs: number;
  log: Logger;
  /** names this notifier in the leases it takes (the instance, for operators reading the table) */
  ownerPrefix?: string;
  nowMs?: () => number;
}

/** Wait before retry n (1-based): delay × multiplier^(n−1), capped (the real EI's Camel exponential backoff). */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.redeliveryDelayMs * policy.backoffMultiplier ** (retry - 1), policy.maxRedeliveryDelayMs);
}

interface Worker {
  done: Promise<void>;
  /** cuts a backoff wait short (new head after a redelivery, or shutdown) */
  poke: () => void;
}

/**
 * One worker per subscriber with queued messages: it delivers that subscriber's messages oldest first and
 * retries the head with backoff until it is delivered or dead, so a slow or failing subscriber holds up
 * only its own queue. A message leaves the outbox only after the subscriber's answer. Several notifiers
 * (instances) may work on one outbox: each sends only the head it has leased (docs/ei.md, "Notification"), and
 * a head leased elsewhere waits until that lease is released or expires (its holder died).
 */
export class Notifier {
  private readonly workers = new Map<string, Worker>();
  private readonly stop = new AbortController();
  private readonly now: () => number;
  private readonly owner: string;

  constructor(private readonly o: NotifierOptions) {
    if (o.leaseMs <= o.policy.timeoutMs) throw new Error(`the notification lease (${o.leaseMs} ms) must be longer than the notification timeout (${o.policy.timeoutMs} ms)`);
    this.now = o.nowMs ?? Date.now;
    this.owner = `${o.ownerPrefix ?? 'ei'}/${randomUUID()}`;
  }

  /** Makes sure the subscriber's queue is being worked on. */
  wake(subscriber: string): void {
    if (this.stop.signal.aborted) return;
    const running = this.workers.get(subscriber);
    if (running) return running.poke();
    const worker: Worker = { done: Promise.resolve(), poke: () => undefined };
    this.workers.set(subscriber, worker);
    worker.done = this.run(subscriber, worker).catch((e: Error) => {
      this.o.log.error('notification worker failed', { subscriber, error: e.message });
      this.workers.delete(subscriber);
    });
  }

  async close(): Promise<void> {
    this.stop.abort();
    const workers = [...this.workers.values()];
    for (const w of workers) w.poke();
    await Promise.all(workers.map((w) => w.done));
  }

  private sleep(ms: number, worker: Worker): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        worker.poke = () => undefined;
        resolve();
      }
      worker.poke = done;
    });
  }

  private async run(subscriber: string, worker: Worker): Promise<void> {
    const { outbox, leaseMs, pollMs } = this.o;
    while (!this.stop.signal.aborted) {
      const head = await outbox.head(subscriber);
      if (!head) {
        this.workers.delete(subscriber);
        return;
      }
      const now = this.now();
      const waitMs = Math.max(head.nextAttemptAt, head.leaseUntil ?? 0) - now;
      if (waitMs > 0) {
        await this.sleep(Math.min(waitMs, pollMs), worker);
        continue;
      }
      const leased = await outbox.lease(subscriber, this.owner, now, now + leaseMs);
      if (leased) await this.attempt(leased);
    }
    this.workers.delete(subscriber);
  }

  /** One delivery of a leased message, and its outcome recorded (which ends the lease). */
  private async attempt(entry: OutboxEntry): Promise<void> {
    const { outbox, policy, log } = this.o;
    const context = { subscriber: entry.subscriber, 'outbox.id': entry.id };
    let error: string | undefined;
    try {
      await this.o.deliver(entry, AbortSignal.any([this.stop.signal, AbortSignal.timeout(policy.timeoutMs)]));
    } catch (e) {
      error = (e as Error).message;
    }
    if (error === undefined) {
      if (!(await outbox.delivered(entry.id, this.owner))) log.warn('notification delivered after its lease was lost; another instance may deliver it again', context);
      return;
    }
    if (this.stop.signal.aborted) return outbox.release(entry.id, this.owner);
    const retry = entry.attempts + 1;
    if (retry > policy.maxRedeliveries) {
      await outbox.dead(entry.id, this.owner, error, this.now());
      log.warn('notification dead-lettered', { ...context, attempts: retry, error });
    } else {
      await outbox.failed(entry.id, this.owner, error, this.now() + retryDelayMs(policy, retry));
      log.info('notification failed, will retry', { ...context, attempt: retry, error });
    }
  }
}
