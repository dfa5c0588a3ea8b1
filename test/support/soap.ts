/**
 * SOAP fixtures for tests through the hub: named request builders with scenario receivers, and a small real
 * producer server (HTTP or HTTPS with a client certificate required) that records what reached it.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { rivRequest, soapEnvelope, soapFault, type RivProfile } from '../../src/shared/soap/envelope.js';
import { SOAP_CONTENT_TYPE } from '../../src/shared/soap/namespaces.js';
import { testIdentity } from './platform.js';

/** Contracts used by the hub's tests (namespaces from shared/spec/riv-contracts.md). */
export const CONTRACT = {
  getSchedule: 'urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1',
  makeBooking: 'urn:riv:crm:scheduling:MakeBookingResponder:1',
} as const;

/** Scenario HSA-ids: what each one is for is in its name. */
export const HSA = {
  consumer: 'SE2321000016-KONS',
  otherConsumer: 'SE2321000016-OTHR',
  producerComponent: 'SE2321000016-PROD',
  careUnit: 'SE2321000016-1234',
  unknownUnit: 'SE2321000016-NONE',
} as const;

export interface CallOptions {
  namespace?: string;
  profile?: RivProfile;
  /** inner XML of the payload element */
  inner?: string;
  extraHeaders?: string[];
}

/** A RIV-TA request to `logicalAddress` for a contract (default GetSubjectOfCareSchedule, BP 2.1). */
export function rivCall(logicalAddress: string, o: CallOptions = {}): string {
  const ns = o.namespace ?? CONTRACT.getSchedule;
  const name = ns.split(':').at(-2)!.replace(/Responder$/, '');
  const payload = `<${name} xmlns="${ns}">${o.inner ?? '<healthcare_facility>x</healthcare_facility>'}</${name}>`;
  return rivRequest(logicalAddress, payload, o.extraHeaders ?? [], o.profile ?? 'RIVTABP21');
}

/** A request whose payload is padded with a comment to at least `bytes` bytes. */
export function largeRivCall(logicalAddress: string, bytes: number, o: CallOptions = {}): string {
  const base = rivCall(logicalAddress, o);
  return base.replace('</healthcare_facility>', `</healthcare_facility><!--${'x'.repeat(Math.max(0, bytes - base.length))}-->`);
}

/** A BP 2.1 answer envelope for a contract. */
export function rivAnswer(namespace: string = CONTRACT.getSchedule, inner = '<ok>true</ok>'): string {
  const name = namespace.split(':').at(-2)!.replace(/Responder$/, 'Response');
  return soapEnvelope(`<${name} xmlns="${namespace}">${inner}</${name}>`);
}

export const producerFault = (text: string): string => soapFault({ code: 'Server', string: text });

export interface ProducerCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** subject of the client certificate on an HTTPS producer */
  peerSubject?: string;
}

export interface ProducerReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Return a reply, or nothing after answering (or not answering) on `res` yourself. */
export type ProducerHandler = (call: ProducerCall, res: ServerResponse, req: IncomingMessage) => ProducerReply | void | Promise<ProducerReply | void>;

export interface TestProducer {
  /** base URL plus `/producer` */
  url: string;
  calls: ProducerCall[];
  server: Server;
  close(): Promise<void>;
}

/**
 * A real producer on 127.0.0.1 (port 0). With `tls`, HTTPS with its own certificate from the test CA and a
 * client certificate required (the hub's). `readBody: false` leaves the request unread for the handler;
 * `port` picks the port (default: a free one).
 */
export async function startProducer(handler: ProducerHandler = () => ({ body: rivAnswer() }), opts: { tls?: boolean; readBody?: boolean; port?: number } = {}): Promise<TestProducer> {
  const calls: ProducerCall[] = [];
  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    if (opts.readBody !== false) for await (const c of req) chunks.push(c as Buffer);
    const call: ProducerCall = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    if (peer?.subject) call.peerSubject = Object.entries(peer.subject).map(([k, v]) => `${k}=${v}`).join(',');
    calls.push(call);
    const reply = await handler(call, res, req);
    if (!reply) return;
    res.writeHead(reply.status ?? 200, { 'content-type': SOAP_CONTENT_TYPE, ...reply.headers });
    res.end(reply.body ?? '');
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    onRequest(req, res).catch(() => res.destroy());
  };
  let server: Server;
  if (opts.tls) {
    const id = testIdentity('SE2321000016-PRODSRV');
    server = createHttpsServer({ cert: id.cert, key: id.key, ca: id.ca, requestCert: true, rejectUnauthorized: true }, listener);
  } else server = createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/producer`,
    calls,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
