/**
 * Progress of long work on stderr, so stdout stays the answer: nothing for work that ends within
 * `afterMs` (1 s), then the current step at most every `everyMs` — rewritten in place at a terminal, one
 * line each time otherwise — and the total time at the end.
 */
import { performance } from 'node:perf_hooks';

export interface ProgressOptions {
  afterMs?: number;
  everyMs?: number;
  /** milliseconds; injected by tests */
  now?: () => number;
}

export class ProgressLine {
  private readonly afterMs: number;
  private readonly everyMs: number;
  private readonly now: () => number;
  private readonly started: number;
  private shownAt: number | undefined;
  private lastStep = '';

  constructor(
    private readonly stream: { write(text: string): unknown; isTTY?: boolean },
    private readonly label: string,
    opts: ProgressOptions = {},
  ) {
    this.now = opts.now ?? (() => performance.now());
    this.afterMs = opts.afterMs ?? 1000;
    this.everyMs = opts.everyMs ?? (stream.isTTY ? 200 : 1000);
    this.started = this.now();
  }

  /** Called as often as the work likes; shows `step done/total` when it is time to. */
  update(step: string, done?: number, total?: number): void {
    const t = this.now();
    if (t - this.started < this.afterMs) return;
    if (this.shownAt !== undefined && step === this.lastStep && t - this.shownAt < this.everyMs) return;
    this.shownAt = t;
    this.lastStep = step;
    const count = total ? ` ${done ?? 0}/${total}` : '';
    this.write(`${this.label}: ${step}${count} (${this.seconds(t)} s)`);
  }

  /** Ends the line with the total time, if anything was shown (also when the work failed: its error follows). */
  finish(): void {
    if (this.shownAt === undefined) return;
    this.write(`${this.label}: finished after ${this.seconds(this.now())} s`);
    if (this.stream.isTTY) this.stream.write('\n');
  }

  private seconds(t: number): string {
    return ((t - this.started) / 1000).toFixed(1);
  }

  private write(text: string): void {
    // At a terminal: back to the line's start and clear it (ESC [K), so one line keeps changing.
    this.stream.write(this.stream.isTTY ? `\r${text}\x1b[K` : `${text}\n`);
  }
}
