/**
 * The reference material about the real platform (the folder beside the repository's, `../shared/spec`, or
 * `NTJP_SPEC_DIR`) as a test oracle for exact texts. It is never copied into the repository; tests that read
 * it skip with a clear message where it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { skipWithReason } from './skip-with-reason.js';
import { fileURLToPath } from 'node:url';

const DEFAULT_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/spec');

const specDir = (): string => (process.env.NTJP_SPEC_DIR ? resolve(process.env.NTJP_SPEC_DIR) : DEFAULT_DIR);

/** A reference file's text (`vp-and-tak.md`…), or undefined where it is absent. */
export function readSpec(file: string): string | undefined {
  const path = resolve(specDir(), file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** A reference file's text; skips the running test or hook with the reason where it is absent. */
export function readSpecOrSkip(ctx: Mocha.Context, file: string): string {
  const text = readSpec(file);
  return text ?? skipWithReason(ctx, `${file} not found in ${specDir()} (set NTJP_SPEC_DIR)`);
}
