import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../config/load.js';
import { HUB_NAME } from '../pki/index.js';

export interface HubTlsMaterial {
  cert: string;
  key: string;
  /** the CAs a client certificate must chain to */
  ca: string[];
}

/**
 * The hub's server certificate and trusted CAs as the settings give them (`vp.serverCert`, `vp.serverKey`,
 * `vp.trustedCas`), defaulting to the dev PKI in `certsDir`. The SOAP listeners and the admin HTTPS listener
 * present the same certificate and trust the same CAs.
 */
export function hubTlsMaterial(settings: Settings, certsDir: string): HubTlsMaterial {
  const read = (file: string): string => readFileSync(file, 'utf8');
  const cas = (settings['vp.trustedCas'] as string[] | undefined) ?? [];
  return {
    cert: read((settings['vp.serverCert'] as string | undefined) || join(certsDir, `${HUB_NAME}.pem`)),
    key: read((settings['vp.serverKey'] as string | undefined) || join(certsDir, `${HUB_NAME}.key`)),
    ca: (cas.length > 0 ? cas : [join(certsDir, 'ca.pem')]).map(read),
  };
}
