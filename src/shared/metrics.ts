/**
 * A tiny Prometheus registry (text format 0.0.4): counters and histograms with labels. One registry per
 * platform; every component may add its own metrics; `GET /metrics` renders them all. Memory is bounded:
 * each metric keeps at most `maxSeries` label combinations and label values are cut (docs/vp.md "Metrics").
 */
import { boundedText } from './bounded-text.js';

export type Labels = Record<string, string>;

/** Label combinations one metric keeps; calls beyond them are counted in one series labelled `overflow`. */
export const MAX_SERIES_PER_METRIC = 10_000;
export const OVERFLOW_LABEL = 'overflow';
/** Longest label value kept; a longer one is cut and ends in `…`. */
export const LABEL_MAX_CHARS = 256;

interface Metric {
  render(): string;
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

const KEY_SEPARATOR = '\u0000';

/** One metric's series by label values, at most `maxSeries` of them plus the overflow series. */
class SeriesMap<T> {
  private readonly byKey = new Map<string, { labels: string[]; data: T }>();
  constructor(
    private readonly labelNames: readonly string[],
    private readonly maxSeries: number,
    private readonly make: () => T,
  ) {}

  of(labels: Labels): T {
    const given = this.labelNames.map((n) => labels[n] ?? '');
    const hit = this.byKey.get(given.join(KEY_SEPARATOR));
    if (hit) return hit.data;
    let kept = given.map((v) => boundedText(v, LABEL_MAX_CHARS));
    let series = this.byKey.get(kept.join(KEY_SEPARATOR));
    if (series) return series.data;
    if (this.byKey.size >= this.maxSeries) {
      kept = this.labelNames.map(() => OVERFLOW_LABEL);
      series = this.byKey.get(kept.join(KEY_SEPARATOR));
      if (series) return series.data;
    }
    series = { labels: kept, data: this.make() };
    this.byKey.set(kept.join(KEY_SEPARATOR), series);
    return series.data;
  }

  get size(): number {
    return this.byKey.size;
  }

  values(): IterableIterator<{ labels: string[]; data: T }> {
    return this.byKey.values();
  }
}

export class Counter implements Metric {
  private readonly series: SeriesMap<{ value: number }>;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
    maxSeries = MAX_SERIES_PER_METRIC,
  ) {
    this.series = new SeriesMap(labelNames, maxSeries, () => ({ value: 0 }));
  }

  inc(labels: Labels = {}, by = 1): void {
    this.series.of(labels).value += by;
  }

  /** label combinations held now */
  get seriesCount(): number {
    return this.series.size;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const s of this.series.values()) lines.push(`${this.name}${labelText(this.labelNames, s.labels)} ${s.data.value}`);
    return lines.join('\n');
  }
}

/** Latency buckets in seconds, from 0.5 ms to 30 s (the producer timeout is 29 s). */
export const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Histogram implements Metric {
  private readonly series: SeriesMap<{ counts: number[]; sum: number; count: number }>;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
    readonly buckets: readonly number[] = LATENCY_BUCKETS_S,
    maxSeries = MAX_SERIES_PER_METRIC,
  ) {
    this.series = new SeriesMap(labelNames, maxSeries, () => ({ counts: buckets.map(() => 0), sum: 0, count: 0 }));
  }

  observe(value: number, labels: Labels = {}): void {
    const s = this.series.of(labels);
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  /** label combinations held now */
  get seriesCount(): number {
    return this.series.size;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, data: s } of this.series.values()) {
      this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket${labelText(this.labelNames, labels, `le="${b}"`)} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText(this.labelNames, labels, 'le="+Inf"')} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(this.labelNames, labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(this.labelNames, labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  constructor(private readonly maxSeriesPerMetric = MAX_SERIES_PER_METRIC) {}

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(name, new Counter(name, help, labelNames, this.maxSeriesPerMetric));
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    return this.add(name, new Histogram(name, help, labelNames, buckets, this.maxSeriesPerMetric));
  }

  /** Adds a metric of another kind (e.g. a gauge computed when scraped); names are unique. */
  add<T extends Metric>(name: string, metric: T): T {
    if (this.metrics.has(name)) throw new Error(`metric ${name} registered twice`);
    this.metrics.set(name, metric);
    return metric;
  }

  /** Prometheus text exposition */
  render(): string {
    return [...this.metrics.values()].map((m) => m.render()).join('\n') + '\n';
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
