import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_NAME } from '../../pki/index.js';

/** What a downloaded file of the dev PKI is sent as. */
const FILE_TYPES: Record<string, string> = {
  pem: 'application/x-pem-file',
  key: 'application/x-pem-file',
  p12: 'application/x-pkcs12',
};

/**
 * A system's certificate file in the dev PKI folder, for download: `<HSA-id>.pem|key|p12`, or the CA's
 * `ca.pem`. The CA's key and the hub's own identity are never offered. Undefined for anything else.
 */
export function certificateFile(certsDir: string, name: string): { path: string; type: string } | undefined {
  const m = /^([0-9A-Za-z_-]+)\.(pem|key|p12)$/.exec(name);
  if (!m) return undefined;
  const [, stem, ext] = m as unknown as [string, string, string];
  if (stem === HUB_NAME || (stem === 'ca' && ext !== 'pem')) return undefined;
  const path = join(certsDir, name);
  return existsSync(path) ? { path, type: FILE_TYPES[ext]! } : undefined;
}
