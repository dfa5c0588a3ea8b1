import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import { randomUUID } from 'node:crypto';
import { parseEnvelope, soapFault, type ParsedEnvelope } from '../shared/soap/envelope.js';
import { HEADER, SOAP_CONTENT_TYPE } from '../shared/soap/namespaces.js';
import type { XmlElement } from '../shared/xml/tree.js';
import type { Logger } from '../shared/log.js';
import { sameSecret } from '../shared/same-secret.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../shared/xml/limits.js';

/** One call to a built-in SOAP producer (EI, AgP, registry services, reference systems). */
export interface SoapCall {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  envelope: ParsedEnvelope;
  /** the first Body element */
  payload: XmlElement;
  /** x-vp-sender-id as set by the hub for http producers */
  senderId: string | undefined;
  correlationId: string;
}

export interface SoapReply {
  status?: number;
  /** the whole envelope */
  body: string;
  headers?: Record<string, string>;
}

export type SoapHandler = (call: SoapCall) => Promise<SoapReply>;

/** A SOAP 1.1 fault reply with HTTP 500. */
export function faultReply(code: 'Client' | 'Server', message: string, detail?: string): SoapReply {
  return { status: 500, body: soapFault({ code, string: message, detail }) };
}

/** A built-in producer: the contracts (Responder namespaces) it answers at a path. */
export interface BuiltinService {
  path: string;
  namespaces: string[];
  profile: 'RIVTABP21' | 'RIVTABP20';
}

/** One whole request to the built-in producers' port, as it read it (headers lower-case). */
export interface ServiceRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** The port's answer to it, as it writes it. */
export interface ServiceAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SoapServer {
  server: Server;
  /**
   * Serves `handler` at an exact path, e.g. `/ei/update`. The namespaces are the contracts it answers:
   * the catalogue routes them at the platform's logical address to this path (see tak/builtin-routes).
   */
  register(path: string, handler: SoapHandler, namespaces?: string[], profile?: 'RIVTABP21' | 'RIVTABP20'): void;
  services(): BuiltinService[];
  /**
   * What the port answers a request that passed its secret check, without a socket: for the hub in this
   * process, which holds the server and so needs no secret (docs/vp.md, "The platform's own producers: a
   * private port").
   */
  answer(request: ServiceRequest): Promise<ServiceAnswer>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The header carrying the platform's per-start secret on the hub's calls to its built-in producers. Their
 * port answers nothing without it, so every caller goes through the hub's identity and permission checks.
 */
export const PLATFORM_SECRET_HEADER = 'x-ntjp-platform-secret';

/** Where the platform's built-in producers listen, and the secret that port requires. */
export interface PrivateServices {
  baseUrl: string;
  secret: string;
  /** the port's answers in this process (`SoapServer.answer`); absent where the services run elsewhere */
  answer?: SoapServer['answer'];
}

/**
 * The origin of the built-in producers in catalogue addresses (`http://platform.ntjp.invalid/ei/update`).
 * Instances that share one catalogue each have their own services port and secret, so a route names no
 * port: every hub calls its own (`resolvePlatformUrl`). `.invalid` never resolves (RFC 2606), so a stray
 * call goes nowhere.
 */
export const PLATFORM_SERVICES_ORIGIN = 'http://platform.ntjp.invalid';

/** `url` on this process's services port when it names the built-in producers' origin, else `url` unchanged. */
export function resolvePlatformUrl(services: PrivateServices | undefined, url: string): string {
  return services && url.startsWith(PLATFORM_SERVICES_ORIGIN + '/') ? services.baseUrl + url.slice(PLATFORM_SERVICES_ORIGIN.length) : url;
}

/** The secret header for a call to `url` when it is on the platform's own services port, else no header. */
export function platformServiceHeaders(services: PrivateServices | undefined, url: string): Record<string, string> {
  return services && url.startsWith(services.baseUrl + '/') ? { [PLATFORM_SECRET_HEADER]: services.secret } : {};
}

const NOT_THROUGH_THE_HUB =
  "This port serves the platform's built-in producers to its hub only: call them through the hub, which checks the caller's identity and permission.";

export interface SoapServerOptions {
  maxBodyBytes?: number;
  /** serve HTTPS with these options */
  tls?: HttpsOptions;
  /** the per-start secret every call must carry in `x-ntjp-platform-secret` */
  secret?: string;
  xmlLimits?: XmlLimits;
}

/**
 * An HTTP server (HTTPS when `tls` is given) dispatching SOAP calls by path to registered handlers. With a
 * `secret`, a call without it in `x-ntjp-platform-secret` gets 403 and a SOAP fault, and handlers never see it.
 */
export function createSoapServer(log: Logger, opts: SoapServerOptions = {}): SoapServer {
  const { maxBodyBytes = MAX_BODY_BYTES, tls, secret, xmlLimits = DEFAULT_XML_LIMITS } = opts;
  const handlers = new Map<string, SoapHandler>();
  const services: BuiltinService[] = [];
  const tooLarge = faultReply('Client', `Request body larger than ${maxBodyBytes} bytes`);
  const answer = async ({ path, headers, rawBody }: ServiceRequest): Promise<ServiceAnswer> => {
    const correlationId = correlationIdOf(headers);
    const handler = handlers.get(path);
    if (!handler) return notFound(path, handlers);
    if (rawBody.length > maxBodyBytes) return reply(correlationId, tooLarge);
    let envelope: ParsedEnvelope;
    try {
      envelope = parseEnvelope(rawBody, { limits: xmlLimits });
    } catch (e) {
      return reply(correlationId, faultReply('Client', `Malformed SOAP request: ${(e as Error).message}`));
    }
    if (!envelope.payload) return reply(correlationId, faultReply('Client', 'SOAP Body is empty'));
    const call: SoapCall = { path, headers, rawBody, envelope, payload: envelope.payload, senderId: headers[HEADER.senderId] as string | undefined, correlationId };
    try {
      return reply(correlationId, await handler(call));
    } catch (e) {
      log.error('soap handler failed', { path, error: (e as Error).stack ?? String(e), 'trace.id': correlationId });
      return reply(correlationId, faultReply('Server', (e as Error).message));
    }
  };
  const listener: Parameters<typeof createServer>[1] = (req, res) => {
    const send = (a: ServiceAnswer): void => {
      if (res.headersSent) return;
      res.writeHead(a.status, a.headers);
      res.end(a.body);
    };
    if (secret !== undefined) {
      const given = req.headers[PLATFORM_SECRET_HEADER];
      delete req.headers[PLATFORM_SECRET_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, secret)) {
        send(reply(correlationIdOf(req.headers), { ...faultReply('Client', NOT_THROUGH_THE_HUB), status: 403 }));
        req.resume();
        return;
      }
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (!handlers.has(path) || req.method !== 'POST') {
      send(notFound(path, handlers));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBodyBytes) {
        send(reply(correlationIdOf(req.headers), tooLarge));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) return;
      void answer({ path, headers: req.headers, rawBody: Buffer.concat(chunks) }).then(send);
    });
    req.on('error', () => undefined);
  };
  const server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  return {
    server,
    register(path, handler, namespaces = [], profile = 'RIVTABP21') {
      if (handlers.has(path)) throw new Error(`SOAP path ${path} registered twice`);
      handlers.set(path, handler);
      if (namespaces.length > 0) services.push({ path, namespaces, profile });
    },
    services: () => [...services],
    answer,
  };
}

const correlationIdOf = (headers: IncomingHttpHeaders): string => (headers[HEADER.correlationId] as string | undefined) || randomUUID();

/** Its length stated, so that the hub can relay a whole answer in one write. */
const answerOf = (status: number, headers: Record<string, string>, body: string): ServiceAnswer => ({
  status,
  headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
  body,
});

const reply = (correlationId: string, r: SoapReply): ServiceAnswer =>
  answerOf(r.status ?? 200, { 'content-type': SOAP_CONTENT_TYPE, [HEADER.correlationId]: correlationId, ...r.headers }, r.body);

const notFound = (path: string, handlers: Map<string, SoapHandler>): ServiceAnswer =>
  answerOf(404, { 'content-type': 'text/plain; charset=utf-8' }, `No SOAP service at ${path}. Known: ${[...handlers.keys()].join(', ')}\n`);
