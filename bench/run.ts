/**
 * `npm run bench [-- name …]`: runs the named benchmarks (file names in bench/ without .ts), or all.
 * Benchmarks measure; they never fail a build. Figures go to bench/results/ and, curated, docs/benchmarks.md.
 */
import { readdirSync } from 'node:fs';

const all = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : all) {
  process.stdout.write(`# ${name}\n`);
  const mod = (await import(`./${name}.ts`)) as { run(): Promise<void> };
  await mod.run();
}
