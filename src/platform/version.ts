import { readFileSync } from 'node:fs';

/** The package's name and version, read once from package.json (works from src/ under tsx and from dist/). */
export const PACKAGE: { name: string; version: string } = (() => {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const { name, version } = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name: string; version: string };
      return { name, version };
    } catch {
      // try the next location
    }
  }
  return { name: 'ntjp-emulator', version: '0.0.0' };
})();

export const VERSION: string = PACKAGE.version;
