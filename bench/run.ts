/**
 * `npm run bench [-- name … [--flag value …]]`: runs the named benchmarks (file names in bench/ without .ts),
 * or all, handing each the flags after the names (e.g. `soak --seconds 120`).
 * Benchmarks measure; they never fail a build. Figures go to bench/results/ and, curated, docs/benchmarks.md.
 */
import { readdirSync } from 'node:fs';

const all = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : all) {
  process.stdout.write(`# ${name}\n`);
  const mod = (await import(`./${name}.ts`)) as { run(flags: string[]): Promise<void> };
  await mod.run(flags);
}
