import type { Logger } from '../shared/log.js';
import type { Outbox, OutboxEntry } from './outbox.js';

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
  outbox: Outbox;
  deliver: Deliver;
  policy: RetryPolicy;
  log: Logger;
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
 * only its own queue. At-least-once: a message
 * leaves the outbox only after the subscriber's answer.
 */
export class Notifier {
  private readonly workers = new Map<string, Worker>();
  private readonly stop = new AbortController();
  private readonly now: () => number;

  constructor(private readonly o: NotifierOptions) {
    this.now = o.nowMs ?? Date.now;
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
    const { outbox, policy } = this.o;
    while (!this.stop.signal.aborted) {
      const head = outbox.next(subscriber);
      if (!head) {
        this.workers.delete(subscriber);
        return;
      }
      const waitMs = head.nextAttemptAt - this.now();
      if (waitMs > 0) {
        await this.sleep(waitMs, worker);
        continue;
      }
      try {
        await this.o.deliver(head, AbortSignal.any([this.stop.signal, AbortSignal.timeout(policy.timeoutMs)]));
        outbox.delivered(head.id);
      } catch (e) {
        if (this.stop.signal.aborted) break;
        const error = (e as Error).message;
        const retry = head.attempts + 1;
        if (retry > policy.maxRedeliveries) {
          outbox.dead(head.id, error, this.now());
          this.o.log.warn('notification dead-lettered', { subscriber, 'outbox.id': head.id, attempts: retry, error });
        } else {
          outbox.failed(head.id, error, this.now() + retryDelayMs(policy, retry));
          this.o.log.info('notification failed, will retry', { subscriber, 'outbox.id': head.id, attempt: retry, error });
        }
      }
    }
    this.workers.delete(subscriber);
  }
}
