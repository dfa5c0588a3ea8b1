/**
 * One call through the hub. Steps of the pipeline share this object; each field is set by exactly one
 * step (named in its comment), so what passes between steps is listed here and nowhere else.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ConsumerRequest } from './consumer.js';
import type { RivProfile } from '../shared/soap/envelope.js';
import type { IsoDate, RouteEntry } from '../tak/snapshot.js';
import type { Decoder } from './charset.js';
import type { BodyCapture, TrafficViolation } from './traffic-log.js';
import type { RequestBody } from './request-body.js';
import type { ContractHooks } from './contract-hooks.js';

export type Listener = 'https' | 'http';

/** read-envelope: what the request's prefix says, and its bytes. */
export interface EnvelopePrefix {
  namespace: string;
  logicalAddress: string | undefined;
  profile: RivProfile | undefined;
  /** the request bytes read so far (converted to UTF-8 when the request is in another encoding) */
  bytes: Buffer;
  /** how many bytes were read from the consumer */
  rawLength: number;
  /** the encoding of a request the hub converts both ways, as the answer's Content-Type names it (charset.ts) */
  sourceEncoding: string | undefined;
  /** the decoder that read the prefix of such a request, to go on with the rest */
  sourceDecoder: Decoder | undefined;
  /** `bytes` decoded (a trailing partial character excluded) */
  text: string;
  /** the request has been read to its end */
  complete: boolean;
  /** [start, end) of Header's content in `text`; undefined for `<Header/>` or no Header */
  headerContent: { start: number; end: number } | undefined;
}

export interface VpExchange {
  readonly correlationId: string;
  readonly listener: Listener;
  readonly req: ConsumerRequest;
  readonly headers: IncomingHttpHeaders;
  /** TCP peer address (IPv4-mapped IPv6 reduced to IPv4) */
  readonly peerIp: string;
  /** the local day every validity check of this call uses (injected clock) */
  readonly date: IsoDate;
  readonly startedAt: bigint;
  /** the request and answer bytes as they pass, when the traffic log captures bodies */
  readonly capture?: { request: BodyCapture; response: BodyCapture };

  /** sender-identity: the consumer's HSA-id */
  sender?: string;
  /** sender-identity: sender from x-vp-sender-id with this instance's id (EI, AgP, another VP) */
  internal?: boolean;
  /** sender-identity: the routing history to send on, when the loop guard applies */
  routingHistory?: string;
  /** read-envelope: contract, logical address, profile and the bytes read so far */
  envelope?: EnvelopePrefix;
  /** original-consumer: the x-rivta-original-serviceconsumer-hsaid to send on */
  originalConsumer?: string;
  /** route-lookup: the one valid route */
  route?: RouteEntry;
  routeTrace?: string;
  /** permission-check */
  permissionTrace?: string;
  /** producer-timeout */
  producerTimeoutMs?: number;
  /** riv-profile: the prefix to send (converted when the route's profile differs) */
  outPrefix?: Buffer;
  outProfile?: RivProfile;
  /** out-headers */
  outHeaders?: Record<string, string>;
  /** prepare-request: the request as it goes to the producer */
  requestBody?: RequestBody;
  /** prepare-request: the traffic validation of a whole 2xx answer; absent = the answer streams */
  answerCheck?: (answer: Buffer) => Promise<void>;
  /** contract-validation: schema violations of the request and/or the response (docs/contracts.md, "Traffic validation") */
  violations?: TrafficViolation[];
}

/** What the steps may use besides the exchange: settings, the compiled catalogue, the sender cache. */
export interface HubDeps {
  readonly config: import('./hub-config.js').HubConfig;
  /** the catalogue compiled from the last snapshot, or undefined before the first one (VP008) */
  catalogue(): import('./catalogue-index.js').CatalogueIndex | undefined;
  /** the sender of a client certificate (PEM or bare base64), cached per distinct text */
  senderFromCertificate(certText: string): import('./certificate-senders.js').CertificateSender;
  /** injected clock: catalogue validity dates are compared with its local date, certificates with its time */
  clock: () => Date;
  readonly log: import('../shared/log.js').Logger;
  /** the platform's built-in producers: calls to their port carry its secret (undefined = a hub alone) */
  readonly platformServices?: import('../platform/soap-server.js').PrivateServices;
  /** set by the contracts component (WSDL serving, traffic validation); absent = neither */
  contracts?: ContractHooks;
}
