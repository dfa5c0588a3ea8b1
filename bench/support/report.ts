import { mkdirSync, writeFileSync } from 'node:fs';

/** Prints a benchmark's table and keeps its figures in bench/results/<name>.json (not committed). */
export function report(name: string, rows: Array<Record<string, string | number>>, verdicts: Array<[string, boolean]>): void {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? ''));
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (vals: string[]): string => '| ' + vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ') + ' |';
  const out = [`## ${name}`, line(keys), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map((r) => line(keys.map((k) => cell(r[k]))))];
  for (const [what, ok] of verdicts) out.push(`- ${ok ? 'PASS' : 'FAIL'}: ${what}`);
  process.stdout.write(out.join('\n') + '\n\n');
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`../results/${name.replace(/\W+/g, '-').toLowerCase()}.json`, import.meta.url), JSON.stringify({ name, at: new Date().toISOString(), rows, verdicts }, null, 2));
}
