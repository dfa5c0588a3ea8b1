/**
 * The published RIV-TA schemas as a test oracle (CONTRIBUTING.md, "Tests"). They are read from
 * `NTJP_RIV_REFERENCE` (default `<repo>/../shared/riv-reference`) and never copied into the repository.
 * Validation applies the in-memory overlay of src/contracts/xsd/schema-overlay.ts (the `^…$` personnummer
 * patterns, spec riv-contracts.md §9.1), so a real personnummer such as 191212121212 is valid.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { SchemaSet } from '../../src/contracts/xsd/index.js';
import { skipWithReason } from './skip-with-reason.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_DIR = resolve(REPO_ROOT, '../shared/riv-reference');

/** The reference folder, or undefined when it is absent. */
export function referenceDir(): string | undefined {
  const dir = process.env.NTJP_RIV_REFERENCE ? resolve(process.env.NTJP_RIV_REFERENCE) : DEFAULT_DIR;
  return existsSync(dir) ? dir : undefined;
}

let warned = false;

/** Skips the running test (or hook) with a visible reason when the reference folder is absent. */
export function skipWithoutReference(ctx: Mocha.Context): void {
  if (referenceDir()) return;
  const reason = `RIV-TA reference schemas not found (set NTJP_RIV_REFERENCE; default ${DEFAULT_DIR})`;
  if (!warned) {
    warned = true;
    process.stderr.write(`\n  note: ${reason}\n`);
  }
  skipWithReason(ctx, reason);
}

let cached: SchemaSet | undefined;

/** The reference schemas, compiled lazily per namespace and kept for the process. Throws when absent. */
export function referenceSchemas(): SchemaSet {
  const dir = referenceDir();
  if (!dir) throw new Error('RIV-TA reference schemas are absent; call skipWithoutReference(this) first');
  if (cached?.roots[0] !== dir) cached = new SchemaSet(dir);
  return cached;
}

/**
 * Validates one payload element (`<UpdateResponse xmlns="urn:riv:…">`) against the reference schema whose
 * targetNamespace is its namespace, or a whole SOAP 1.1 envelope (each Body child, and each header whose
 * namespace has a schema). Returns error strings; [] means valid.
 */
export async function validatePayloadXml(xml: string): Promise<string[]> {
  return referenceSchemas().validateXml(xml).map((v) => v.message);
}
