/**
 * The platform's Prometheus metrics, kept by prom-client: one registry per platform, to which every component
 * adds its own, and the process's default metrics (CPU, memory, heap, event loop, GC), which every platform
 * in the process shares; `GET /metrics` renders both, the platform's first. Memory is bounded: each counter or histogram keeps at
 * most `maxSeries` label combinations and label values are cut (docs/vp.md "Memory bounds").
 */
import { Counter as PromCounter, Gauge, Histogram as PromHistogram, Registry, collectDefaultMetrics } from 'prom-client';
import { boundedText } from './bounded-text.js';

export type Labels = Record<string, string>;

/** Label combinations one metric keeps; calls beyond them are counted in one series labelled `overflow`. */
export const MAX_SERIES_PER_METRIC = 10_000;
export const OVERFLOW_LABEL = 'overflow';
/** Longest label value kept; a longer one is cut and ends in `…`. */
export const LABEL_MAX_CHARS = 256;

export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

const KEY_SEPARATOR = '\u0000';

/** Which label combinations one metric has; a new one past the bound becomes the overflow series. */
class SeriesBound {
  private readonly kept = new Set<string>();
  private readonly overflow: Labels;
  private readonly overflowKey: string;
  constructor(
    private readonly labelNames: readonly string[],
    private readonly maxSeries: number,
  ) {
    this.overflow = Object.fromEntries(labelNames.map((n) => [n, OVERFLOW_LABEL]));
    this.overflowKey = labelNames.map(() => OVERFLOW_LABEL).join(KEY_SEPARATOR);
  }

  /** the labels a call is counted under */
  of(labels: Labels): Labels {
    const given = this.labelNames.map((n) => labels[n] ?? '');
    if (this.kept.has(given.join(KEY_SEPARATOR))) return labels;
    const cut = given.map((v) => boundedText(v, LABEL_MAX_CHARS));
    const key = cut.join(KEY_SEPARATOR);
    if (this.kept.has(key)) return this.labelsOf(cut);
    if (this.kept.size >= this.maxSeries) {
      this.kept.add(this.overflowKey);
      return this.overflow;
    }
    this.kept.add(key);
    return this.labelsOf(cut);
  }

  /** label combinations held now */
  get size(): number {
    return this.kept.size;
  }

  private labelsOf(values: readonly string[]): Labels {
    return Object.fromEntries(this.labelNames.map((n, i) => [n, values[i]!]));
  }
}

export class Counter {
  private readonly bound: SeriesBound;
  constructor(private readonly metric: PromCounter, labelNames: readonly string[], maxSeries: number) {
    this.bound = new SeriesBound(labelNames, maxSeries);
  }

  inc(labels: Labels = {}, by = 1): void {
    this.metric.inc(this.bound.of(labels), by);
  }

  /** label combinations held now */
  get seriesCount(): number {
    return this.bound.size;
  }
}

/** Latency buckets in seconds, from 0.5 ms to 30 s (the producer timeout is 29 s). */
export const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Histogram {
  private readonly bound: SeriesBound;
  constructor(private readonly metric: PromHistogram, labelNames: readonly string[], maxSeries: number) {
    this.bound = new SeriesBound(labelNames, maxSeries);
  }

  observe(value: number, labels: Labels = {}): void {
    this.metric.observe(this.bound.of(labels), value);
  }

  /** label combinations held now */
  get seriesCount(): number {
    return this.bound.size;
  }
}

/** Sets a gauge's values when the metrics are scraped (e.g. from a database count). */
export type GaugeCollect = (gauge: Gauge) => void | Promise<void>;

let processRegistry: Registry | undefined;

/** The process's default metrics, collected once per process however many platforms it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class MetricsRegistry {
  private readonly registry = new Registry();
  constructor(private readonly maxSeriesPerMetric = MAX_SERIES_PER_METRIC) {
    processMetrics();
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    const metric = new PromCounter({ name, help, labelNames, registers: [this.registry] });
    return new Counter(metric, labelNames, this.maxSeriesPerMetric);
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets: readonly number[] = LATENCY_BUCKETS_S): Histogram {
    const metric = new PromHistogram({ name, help, labelNames, buckets: [...buckets], registers: [this.registry] });
    return new Histogram(metric, labelNames, this.maxSeriesPerMetric);
  }

  /**
   * A gauge set by the code that owns the value, or by `collect` when scraped. Its label values are the
   * caller's to bound (e.g. subscribers of the catalogue).
   */
  gauge(name: string, help: string, labelNames: readonly string[] = [], collect?: GaugeCollect): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry], ...(collect ? { collect() { return collect(this); } } : {}) });
  }

  /** Prometheus text exposition: the platform's metrics, then the process's */
  async render(): Promise<string> {
    const [platform, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${platform}\n${process}`;
  }
}
