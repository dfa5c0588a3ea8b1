import { Agent, request, type Dispatcher } from 'undici';
import { HEADER, SOAP_CONTENT_TYPE } from './namespaces.js';
import { parseEnvelope, type ParsedEnvelope } from './envelope.js';
import type { XmlLimits } from '../xml/limits.js';

export interface TlsIdentity {
  /** PEM client certificate (chain) */
  cert: string;
  /** PEM private key */
  key: string;
  /** PEM CA certificates trusted for the server */
  ca: string | string[];
}

/** A keep-alive connection pool, optionally presenting a client certificate (mutual TLS). */
export function createAgent(tls?: TlsIdentity, opts: { connections?: number; connectTimeoutMs?: number } = {}): Agent {
  return new Agent({
    connections: opts.connections ?? 64,
    keepAliveTimeout: 30_000,
    connect: {
      timeout: opts.connectTimeoutMs ?? 2000,
      ...(tls ? { cert: tls.cert, key: tls.key, ca: tls.ca } : {}),
    },
  });
}

export interface SoapPost {
  url: string;
  /** the whole envelope */
  body: string;
  headers?: Record<string, string>;
  soapAction?: string;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  /** the limits the answer is read within (default DEFAULT_XML_LIMITS) */
  xmlLimits?: XmlLimits;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SoapAnswer extends HttpAnswer {
  /** the parsed envelope, or undefined when the answer is not SOAP */
  envelope: ParsedEnvelope | undefined;
}

/** Sends a POST and reads the whole answer: over HTTP (`postXml`) or handed to the hub in-process. */
export type SoapSend = (p: SoapPost) => Promise<HttpAnswer>;

/** The HTTP headers of a SOAP POST. */
export function soapHeaders(p: SoapPost): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': SOAP_CONTENT_TYPE, ...p.headers };
  if (p.soapAction !== undefined) headers.soapaction = `"${p.soapAction}"`;
  return headers;
}

/** Answer headers as single strings (repeated ones joined). */
export function flatHeaders(h: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return flat;
}

/** POSTs a SOAP 1.1 envelope and reads the whole answer as text, unparsed. Transport errors are thrown (undici codes). */
export async function postXml(p: SoapPost): Promise<HttpAnswer> {
  const res = await request(p.url, {
    method: 'POST',
    headers: soapHeaders(p),
    body: p.body,
    dispatcher: p.dispatcher,
    headersTimeout: p.timeoutMs ?? 30_000,
    bodyTimeout: p.timeoutMs ?? 30_000,
    signal: p.signal,
  });
  const body = await res.body.text();
  return { status: res.statusCode, headers: flatHeaders(res.headers), body };
}

/** POSTs a SOAP 1.1 envelope and reads and parses the whole answer. Transport errors are thrown (undici codes). */
export async function postSoap(p: SoapPost, send: SoapSend = postXml): Promise<SoapAnswer> {
  const answer = await send(p);
  let envelope: ParsedEnvelope | undefined;
  try {
    envelope = answer.body.length > 0 ? parseEnvelope(answer.body, { limits: p.xmlLimits }) : undefined;
  } catch {
    envelope = undefined;
  }
  return { ...answer, envelope };
}

/**
 * How a platform component calls through the hub. Internal components use the plain HTTP listener with
 * `x-vp-sender-id` + `x-vp-instance-id` (an internal call; docs/vp.md, "Calling the hub");
 * external systems use mutual TLS.
 */
export type HubCaller =
  | { kind: 'internal'; url: string; senderId: string; instanceId: string; dispatcher?: Dispatcher }
  | { kind: 'mtls'; url: string; dispatcher: Dispatcher };

export function hubHeaders(caller: HubCaller, correlationId?: string, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { ...extra };
  if (caller.kind === 'internal') {
    h[HEADER.senderId] = caller.senderId;
    h[HEADER.instanceId] = caller.instanceId;
  }
  if (correlationId) h[HEADER.correlationId] = correlationId;
  return h;
}

export interface HubCallOptions {
  correlationId?: string;
  headers?: Record<string, string>;
  soapAction?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  xmlLimits?: XmlLimits;
}

/** The POST that sends an envelope through the hub as the given caller. */
export function hubPost(caller: HubCaller, envelope: string, opts: HubCallOptions = {}): SoapPost {
  return {
    url: caller.url,
    body: envelope,
    headers: hubHeaders(caller, opts.correlationId, opts.headers),
    soapAction: opts.soapAction,
    timeoutMs: opts.timeoutMs,
    dispatcher: caller.dispatcher,
    signal: opts.signal,
    xmlLimits: opts.xmlLimits,
  };
}

/** Sends an envelope through the hub as the given caller. */
export function callThroughHub(caller: HubCaller, envelope: string, opts: HubCallOptions = {}): Promise<SoapAnswer> {
  return postSoap(hubPost(caller, envelope, opts));
}
