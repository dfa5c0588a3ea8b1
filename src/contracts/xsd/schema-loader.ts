import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeBuffer, openBuffer, readBuffer, xmlRegisterInputProvider } from 'libxml2-wasm';
import { applySchemaOverlay } from './schema-overlay.js';

/**
 * libxml2 resolves `xs:import`/`xs:include` through input providers, which are process-wide. One provider
 * serves files below the registered schema roots, with the overlay applied; anything else is not loaded.
 */
const roots = new Set<string>();
let registered = false;

function toPath(name: string): string {
  return name.startsWith('file:') ? fileURLToPath(name) : resolve(name);
}

function isUnderRoot(name: string): boolean {
  const p = toPath(name);
  for (const r of roots) if (p.startsWith(r)) return true;
  return false;
}

/** The text of a schema file as validation sees it (overlay applied). */
export function readSchemaText(file: string): string {
  return applySchemaOverlay(readFileSync(file, 'utf8'));
}

/** Allows libxml2 to load schemas (and their imports) from below `root`. */
export function allowSchemaRoot(root: string): void {
  roots.add(resolve(root) + sep);
  if (registered) return;
  registered = true;
  xmlRegisterInputProvider({
    match: isUnderRoot,
    open: (name) => {
      try {
        return openBuffer(Buffer.from(readSchemaText(toPath(name)), 'utf8'));
      } catch {
        return undefined;
      }
    },
    read: readBuffer,
    close: (fd) => {
      closeBuffer(fd);
      return true;
    },
  });
}
