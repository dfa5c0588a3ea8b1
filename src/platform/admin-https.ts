import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:https';
import type { Express } from 'express';
import type { Settings } from '../config/load.js';
import { HUB_NAME, initDevPki } from '../pki/index.js';

/**
 * The admin app on HTTPS with the hub's certificate. A client certificate is asked for but not required, so
 * token users keep working; one that chains to the hub's trusted CAs (`vp.trustedCas`, default the dev CA)
 * may count as the operator (issue 3 §4, admin-server.ts).
 */
export function createAdminHttpsServer(app: Express, settings: Settings, certsDir: string): Server {
  // Keeps what exists, like the hub does: the listener may start before the hub has made its certificate.
  initDevPki(certsDir);
  const cas = (settings['vp.trustedCas'] as string[] | undefined) ?? [];
  const read = (file: string): string => readFileSync(file, 'utf8');
  return createServer(
    {
      cert: read(join(certsDir, `${HUB_NAME}.pem`)),
      key: read(join(certsDir, `${HUB_NAME}.key`)),
      ca: (cas.length > 0 ? cas : [join(certsDir, 'ca.pem')]).map(read),
      requestCert: true,
      rejectUnauthorized: false,
    },
    app,
  );
}
