import type { CatalogueSource } from '../../tak/snapshot.js';
import type { Logger } from '../../shared/log.js';
import { producerAnswered, type TrafficCall } from './call-outcome.js';
import { probeProducer } from './probe.js';
import { producerOfCall, producersOf } from './producers.js';
import type { AvailabilityStore } from './store.js';
import type { PrivateServices } from '../../platform/soap-server.js';

export interface AvailabilityMonitorOptions {
  store: AvailabilityStore;
  catalogue: CatalogueSource;
  clock: () => number;
  log: Logger;
  /** 0 = no periodic probes */
  probeIntervalMs: number;
  probeTimeoutMs: number;
  platformServices?: PrivateServices;
}

/** Feeds the availability record from call outcomes and periodic probes of the producers in the catalogue. */
export class AvailabilityMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly opts: AvailabilityMonitorOptions) {}

  recordCall(call: TrafficCall): void {
    const up = producerAnswered(call);
    if (up === undefined) return;
    const producer = producerOfCall(this.opts.catalogue.current(), call.producerUrl!, call.contract!, call.receiver ?? '');
    // The hub's traffic log does not wait for its listeners: a failed write is logged, not thrown at the hub.
    this.opts.store
      .observe({ producer, contract: call.contract!, up, source: 'call', atMs: this.opts.clock(), detail: call.faultCode ?? '' })
      .catch((e: Error) => this.opts.log.warn('availability record failed', { error: e.message }));
  }

  /** Probes every producer once (a run already under way is joined, not doubled); returns the probes made. */
  probeAll(): Promise<number> {
    this.running ??= this.runProbes().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runProbes(): Promise<number> {
    const targets = producersOf(this.opts.catalogue.current(), this.opts.clock());
    const results = await Promise.all(targets.map(async (t) => ({ target: t, verdicts: await probeProducer(t, { timeoutMs: this.opts.probeTimeoutMs, platformServices: this.opts.platformServices }) })));
    const writes: Array<Promise<boolean>> = [];
    for (const { target, verdicts } of results) {
      for (const { route, result } of verdicts) {
        writes.push(this.opts.store.observe({ producer: target.producer, contract: route.namespace, up: result.up, source: 'probe', atMs: this.opts.clock(), detail: result.detail }));
      }
    }
    await Promise.all(writes);
    return writes.length;
  }

  start(): void {
    if (this.opts.probeIntervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.probeAll().catch((e: Error) => this.opts.log.warn('availability probe failed', { error: e.message }));
    }, this.opts.probeIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
