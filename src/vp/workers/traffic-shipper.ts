/**
 * A hub worker's traffic entries on their way to the main process's log: batched (one message per
 * SHIP_INTERVAL_MS or SHIP_BATCH_MAX entries), one batch in flight at a time, and at most QUEUE_MAX waiting;
 * beyond that the oldest waiting entry is dropped and counted, so a stalled main process cannot grow a
 * worker's memory without bound.
 */
import type { TrafficEntry } from '../traffic-log.js';
import type { FromWorker, ShippedTrafficEntry } from './protocol.js';

const SHIP_INTERVAL_MS = 20;
const SHIP_BATCH_MAX = 500;
export const QUEUE_MAX = 20_000;

export type SendToPrimary = (message: FromWorker, sent: () => void) => void;

export class TrafficShipper {
  private queue: ShippedTrafficEntry[] = [];
  private dropped = 0;
  private inFlight = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workerId: number,
    private readonly send: SendToPrimary,
  ) {}

  readonly ship = (entry: TrafficEntry): void => {
    const { seq: _seq, ...rest } = entry;
    if (this.queue.length >= QUEUE_MAX) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push({ ...rest, worker: this.workerId });
    if (this.queue.length >= SHIP_BATCH_MAX) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), SHIP_INTERVAL_MS);
  };

  /** Sends what waits, unless a batch is still on its way (its callback sends the rest). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || (this.queue.length === 0 && this.dropped === 0)) return;
    const entries = this.queue.splice(0, SHIP_BATCH_MAX);
    const dropped = this.dropped;
    this.dropped = 0;
    this.inFlight = true;
    this.send({ type: 'traffic', entries, dropped }, () => {
      this.inFlight = false;
      if (this.queue.length > 0) this.flush();
    });
  }
}
