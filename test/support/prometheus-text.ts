/**
 * Reads the Prometheus text exposition format (0.0.4) and lists what `promtool check metrics` would refuse
 * or warn about: a sample without its family's TYPE, HELP or TYPE twice, names and label names outside the
 * allowed characters, values that are no number, a series twice, a counter not named `_total`, histogram
 * buckets without `+Inf`, not cumulative, or disagreeing with `_count`.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  type: string;
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SAMPLE = /^([^{\s]+)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([^=,\s]+)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;
const SUFFIXES: Record<string, readonly string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };

function numberOf(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return text === 'NaN' ? NaN : Number(text);
}

function labelsOf(text: string, problems: string[], line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let read = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    if (!LABEL_NAME.test(m[1]!)) problems.push(`label name ${m[1]} not allowed: ${line}`);
    if (m[1]! in labels) problems.push(`label ${m[1]} twice: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    read = LABEL.lastIndex;
  }
  if (read !== text.length) problems.push(`labels not readable: ${line}`);
  return labels;
}

/** The family a sample name belongs to, among those declared so far. */
function familyOf(name: string, families: Map<string, Family>): string | undefined {
  if (families.has(name)) return name;
  for (const [family, f] of families) if ((SUFFIXES[f.type] ?? []).some((s) => `${family}${s}` === name)) return family;
  return undefined;
}

function checkHistogram(name: string, f: Family, problems: string[]): void {
  const series = new Map<string, Sample[]>();
  for (const s of f.samples.filter((x) => x.name === `${name}_bucket`)) {
    const { le, ...rest } = s.labels;
    if (le === undefined) problems.push(`${name}_bucket without le`);
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    const counts = buckets.map((b) => b.value);
    if (buckets[buckets.length - 1]?.labels.le !== '+Inf') problems.push(`${name}${key} has no +Inf bucket last`);
    if (counts.some((c, i) => i > 0 && c < counts[i - 1]!)) problems.push(`${name}${key} buckets are not cumulative`);
    const count = f.samples.find((s) => s.name === `${name}_count` && JSON.stringify(s.labels) === key);
    if (count?.value !== counts[counts.length - 1]) problems.push(`${name}${key} _count differs from the +Inf bucket`);
  }
}

export function parsePrometheusText(text: string): { families: Map<string, Family>; problems: string[] } {
  const families = new Map<string, Family>();
  const problems: string[] = [];
  const seen = new Set<string>();
  const helps = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment as unknown as [string, string, string, string];
      if (!METRIC_NAME.test(name)) problems.push(`metric name ${name} not allowed`);
      if (kind === 'HELP') {
        if (helps.has(name)) problems.push(`HELP ${name} twice`);
        helps.set(name, rest);
      } else {
        if (families.has(name)) problems.push(`TYPE ${name} twice`);
        if (rest === 'counter' && !name.endsWith('_total')) problems.push(`counter ${name} does not end in _total`);
        families.set(name, { type: rest, help: helps.get(name) ?? '', samples: [] });
      }
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) {
      problems.push(`not a sample: ${line}`);
      continue;
    }
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    const value = numberOf(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') problems.push(`value is no number: ${line}`);
    const family = familyOf(name, families);
    if (!family) problems.push(`sample before its TYPE: ${line}`);
    const labels = labelText ? labelsOf(labelText, problems, line) : {};
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) problems.push(`series twice: ${line}`);
    seen.add(key);
    families.get(family ?? '')?.samples.push({ name, labels, value });
  }
  for (const [name, f] of families) {
    if (!helps.has(name)) problems.push(`${name} has no HELP`);
    if (f.type === 'histogram') checkHistogram(name, f, problems);
  }
  return { families, problems };
}
