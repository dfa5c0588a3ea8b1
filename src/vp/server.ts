/**
 * The hub's two SOAP listeners (docs/vp.md, "Calling the hub"): HTTPS with a mandatory client certificate
 * from a trusted CA, and plain HTTP for callers behind a TLS-terminating proxy. Both take any path under
 * `/vp`; the path plays no part in routing. Listeners only: everything else is the pipeline's.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Listener } from './exchange.js';
import type { HubTlsMaterial } from '../platform/hub-tls.js';

export interface ListenerOptions {
  tls: HubTlsMaterial;
  /** a consumer that has not sent its whole request in this time is cut off */
  clientTimeoutMs: number;
  handle(req: IncomingMessage, res: ServerResponse, listener: Listener): void;
  /** answers `?wsdl` / `?xsd=` on a hub path (any method, like the real VP); false = not such a request */
  serveDocument?(req: IncomingMessage, res: ServerResponse, listener: Listener): boolean;
}

const KEEP_ALIVE_MS = 30_000;

function isHubPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0]!;
  return path === '/vp' || path.startsWith('/vp/');
}

function dispatcher(listener: Listener, { handle, serveDocument }: ListenerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (serveDocument?.(req, res, listener)) return;
    if (req.method !== 'POST' || !isHubPath(req.url)) {
      req.resume();
      res.writeHead(req.method === 'POST' ? 404 : 405, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The hub takes SOAP 1.1 POST requests on /vp and any path under it.\n');
      return;
    }
    handle(req, res, listener);
  };
}

export function createListeners(opts: ListenerOptions): Record<Listener, Server> {
  const timeouts = {
    requestTimeout: opts.clientTimeoutMs,
    headersTimeout: opts.clientTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    // Node checks the two timeouts above on this interval (default 30 s): keep it well below them.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(opts.clientTimeoutMs / 4))),
  };
  const https = createHttpsServer(
    { ...timeouts, cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca, requestCert: true, rejectUnauthorized: true, handshakeTimeout: opts.clientTimeoutMs },
    dispatcher('https', opts),
  );
  const http = createHttpServer(timeouts, dispatcher('http', opts));
  return { https, http };
}
