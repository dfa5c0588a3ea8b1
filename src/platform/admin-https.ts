import type { RequestListener } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Settings } from '../config/load.js';
import { initDevPki } from '../pki/index.js';
import { hubTlsMaterial } from './hub-tls.js';

/**
 * The admin app on HTTPS with the hub's certificate. A client certificate is asked for but not required, so
 * token users keep working; one that chains to the hub's trusted CAs (`vp.trustedCas`, default the dev CA)
 * may count as the operator (docs/tak.md, "Admin REST API"; admin-server.ts).
 */
export function createAdminHttpsServer(handler: RequestListener, settings: Settings, certsDir: string): Server {
  // Keeps what exists, like the hub does: the listener may start before the hub has made its certificate.
  initDevPki(certsDir);
  return createServer({ ...hubTlsMaterial(settings, certsDir), requestCert: true, rejectUnauthorized: false }, handler);
}
