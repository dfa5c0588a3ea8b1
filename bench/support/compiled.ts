/**
 * Compiles a bench entry point with tsc into a temp folder, so a measured process runs the JavaScript users
 * run (`ntjp serve` runs tsc's output in dist/). Under tsx every function expression is wrapped to keep its
 * name, which costs the hub about a fifth of its throughput (docs/benchmarks.md, "Hub throughput and latency").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CompiledEntry {
  /** the compiled `entry` */
  path: string;
  /** removes the temp folder (once the process running it has stopped) */
  stop(): Promise<void>;
}

/**
 * Compiles `entry` and `extra` (paths relative to `root`, by default this repository's; `extra` for files only
 * loaded by path, such as a worker thread's entry); throws when tsc emitted nothing.
 */
export function compileEntry(entry: string, extra: string[] = [], root = ROOT): CompiledEntry {
  const out = mkdtempSync(join(tmpdir(), 'ntjp-bench-build-'));
  writeFileSync(
    join(out, 'tsconfig.json'),
    JSON.stringify({ extends: join(root, 'tsconfig.json'), compilerOptions: { rootDir: root, outDir: out, sourceMap: false, noEmit: false }, files: [entry, ...extra].map((f) => join(root, f)), include: [] }),
  );
  // Files read next to the code (package version, schemas) resolve as they do from the repository.
  for (const name of ['node_modules', 'package.json', 'wsdl', 'riv-contracts']) symlinkSync(join(root, name), join(out, name));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json')], { encoding: 'utf8' });
  const compiled = join(out, entry.replace(/\.ts$/, '.js'));
  const remove = (): void => rmSync(out, { recursive: true, force: true });
  if (!existsSync(compiled)) {
    remove();
    throw new Error(`tsc emitted no ${relative(out, compiled)}: ${tsc.stdout}${tsc.stderr}`);
  }
  return { path: compiled, stop: async () => remove() };
}
