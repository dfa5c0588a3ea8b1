/**
 * `?wsdl` and `?xsd=` on the hub's SOAP paths (docs/contracts.md, "WSDL serving"): a query parameter
 * `wsdl` or `xsd` sends any request on a path under `/vp` to the contracts component's WSDL handler, with
 * the URL the caller used, so `soap:address` points back at it. Behind a proxy (HTTP listener) the
 * `X-VP-Forwarded-Host/Port/Proto` headers say what the caller used.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Listener } from './exchange.js';
import type { ContractHooks } from './contract-hooks.js';

const FORWARDED = { host: 'x-vp-forwarded-host', port: 'x-vp-forwarded-port', proto: 'x-vp-forwarded-proto' } as const;
/** what may go into `soap:address`: a host name or [IPv6], an optional port (nothing that could break the XML) */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const PROTO = /^https?$/i;
const PORT = /^\d{1,5}$/;
const TEXT = 'text/plain; charset=utf-8';

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** `<proto>://<host>[:port]` as the caller addressed the hub, or undefined when a header is not usable. */
export function requestedBaseUrl(req: IncomingMessage, listener: Listener): string | undefined {
  let proto: string = listener;
  let host = single(req.headers.host);
  if (listener === 'http') {
    const fHost = single(req.headers[FORWARDED.host]);
    const fPort = single(req.headers[FORWARDED.port]);
    const fProto = single(req.headers[FORWARDED.proto]);
    if ((fProto && !PROTO.test(fProto)) || (fPort && !PORT.test(fPort))) return undefined;
    proto = fProto?.toLowerCase() ?? proto;
    if (fHost) host = fPort ? `${fHost.replace(/:\d+$/, '')}:${fPort}` : fHost;
    else if (fPort && host) host = `${host.replace(/:\d+$/, '')}:${fPort}`;
  }
  host ??= `${req.socket.localAddress?.includes(':') ? `[${req.socket.localAddress}]` : req.socket.localAddress}:${req.socket.localPort}`;
  return HOST.test(host) ? `${proto}://${host}` : undefined;
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The listeners' `serveDocument`: true when the request was a WSDL/XSD request and has been answered. */
export function contractDocuments(hooks: () => ContractHooks | undefined) {
  return (req: IncomingMessage, res: ServerResponse, listener: Listener): boolean => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if (q < 0) return false;
    const query = new URLSearchParams(url.slice(q + 1));
    if (!query.has('wsdl') && !query.has('xsd')) return false;
    const pathname = url.slice(0, q);
    if (pathname !== '/vp' && !pathname.startsWith('/vp/')) return false;
    req.resume();
    const contracts = hooks();
    if (!contracts) {
      reply(res, 404, TEXT, 'WSDL serving needs the contracts component, which is not running.\n');
      return true;
    }
    const base = requestedBaseUrl(req, listener);
    if (!base) {
      reply(res, 400, TEXT, 'The Host or X-VP-Forwarded-Host/Port/Proto headers do not form a URL.\n');
      return true;
    }
    const doc = contracts.serveWsdlRequest(pathname, query, base);
    if (doc) reply(res, doc.status, doc.contentType, doc.body);
    else reply(res, 404, TEXT, 'Not a WSDL or XSD request.\n');
    return true;
  };
}
