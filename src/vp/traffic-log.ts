/**
 * The last N calls through the hub, in memory, for the console and `GET /api/traffic`. A ring buffer: adding
 * is O(1) and memory is bounded. Caller-chosen texts are cut to TRAFFIC_TEXT_MAX_CHARS; bodies are kept only
 * while capture is on, within a byte budget that drops the oldest calls' bodies first (docs/vp.md).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RivProfile } from '../shared/soap/envelope.js';
import { boundedText } from '../shared/bounded-text.js';
import type { VpFaultCode } from './faults.js';
import type { TrafficDirection } from './contract-hooks.js';
import { headerBytes, recordedHeaders, type RecordedHeaders } from './traffic-headers.js';

/**
 * `contract-fault`: refused by strict traffic validation (faultCode is then the contracts' NTJP-CONTRACT00n);
 * `adapter-fault`: a format adapter's outbound leg failed (faultCode NTJP-ADAPTER00n, docs/adapters.md).
 * `answer-cut`: the answer's status line had gone to the consumer when the hub had to cut it off (the
 * producer broke off, or the answer grew past vp.maxBodyBytes); faultCode VP009 and `reason` say why.
 */
export const CALL_OUTCOMES = ['ok', 'vp-fault', 'producer-fault', 'contract-fault', 'adapter-fault', 'answer-cut'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface TrafficViolation {
  direction: TrafficDirection;
  message: string;
}

export interface TrafficEntry {
  /** the log's own running number, newest highest: the cursor of `list({ before })` */
  seq: number;
  correlationId: string;
  time: string;
  /** the hub listener the call came in on; absent on a format adapter's leg */
  listener?: 'https' | 'http';
  /** the request's path and query on that listener */
  path?: string;
  sender?: string;
  originalConsumer?: string;
  receiver?: string;
  contract?: string;
  rivProfile?: RivProfile;
  outcome: CallOutcome;
  faultCode?: VpFaultCode | `NTJP-${string}`;
  /** why an answer was cut (outcome `answer-cut`) */
  reason?: string;
  /** the HTTP status the consumer was sent */
  httpStatus: number;
  durationMs: number;
  producerMs?: number;
  producerUrl?: string;
  /** route-lookup's and permission-check's traces (vägval, behörighet), as in the call's log line */
  routeTrace?: string;
  permissionTrace?: string;
  /** schema violations found by traffic validation (report or strict) */
  violations?: TrafficViolation[];
  /** the hub worker process that served the call (docs/workers.md); absent when the hub runs in the main process */
  worker?: number;
  /** set on a format adapter's leg (`SHS`, `SSEK`); absent on the RIV call through the hub */
  leg?: string;
  /** why the leg ended as it did (a fault's text, a receipt) */
  detail?: string;
  requestBody?: string;
  responseBody?: string;
  /** captured with the bodies: the headers as the hub received them and as it sent them to the producer */
  requestHeaders?: RecordedHeaders;
  producerHeaders?: RecordedHeaders;
  /** bodies were captured and later dropped (capture budget, or capture switched off) */
  bodiesDropped?: true;
}

/** An entry as the hub hands it in; the log numbers it and keeps a bounded copy of its headers. */
export type NewTrafficEntry = Omit<TrafficEntry, 'seq' | 'requestHeaders' | 'producerHeaders'> & {
  requestHeaders?: IncomingHttpHeaders;
  producerHeaders?: Record<string, string>;
};

/** Fields matched by filters: exactly (case-insensitive) or, with `match: 'contains'`, as a substring. */
export const TRAFFIC_FILTER_FIELDS = ['correlationId', 'time', 'sender', 'receiver', 'contract', 'outcome', 'faultCode', 'httpStatus'] as const;

/** Fields whose values are a fixed set: always matched whole, whatever `match` says. */
const CHOICE_FIELDS: ReadonlySet<string> = new Set(['outcome', 'faultCode', 'httpStatus']);

export type TrafficFilter = { [F in (typeof TRAFFIC_FILTER_FIELDS)[number]]?: string } & {
  match?: 'exact' | 'contains';
  /** only calls at or after this time (ISO 8601 text, compared as an instant) */
  from?: Date;
  /** only calls before this time */
  to?: Date;
  /** only calls older than this `seq` (the `next` of the previous page) */
  before?: number;
  /** page size, at most TRAFFIC_PAGE_MAX (default 100) */
  limit?: number;
};

export interface TrafficPage {
  /** newest first */
  calls: TrafficEntry[];
  /** `before` for the next (older) page; absent on the last page */
  next?: number;
}

export interface TrafficApi {
  /** records a call (the hub's own, or a format adapter's outbound leg) */
  add(entry: NewTrafficEntry): void;
  /** newest first, one page */
  list(filter?: TrafficFilter): TrafficEntry[];
  page(filter?: TrafficFilter): TrafficPage;
  /** the call with this `seq`, while the log still holds it */
  get(seq: number): TrafficEntry | undefined;
  subscribe(listener: (entry: TrafficEntry) => void): () => void;
  setCapture(on: boolean): void;
  readonly capturing: boolean;
}

/** Where the hub records its calls: the log itself, or a hub worker's shipper to the main process's log. */
export type TrafficSink = Pick<TrafficLog, 'add' | 'capturing'>;

/** Captured bodies are cut at this size: the log is for looking, not for replay. */
export const CAPTURE_MAX_BYTES = 64 * 1024;
/** Longest caller-chosen text an entry keeps (ids, addresses, namespaces, URLs, reasons); longer ends in `…`. */
export const TRAFFIC_TEXT_MAX_CHARS = 256;
/** Schema violations kept per call, each message cut to TRAFFIC_VIOLATION_MAX_CHARS. */
export const TRAFFIC_VIOLATIONS_MAX = 20;
export const TRAFFIC_VIOLATION_MAX_CHARS = 1024;
/** Largest page `list`/`page` return, and `GET /api/traffic` accepts. */
export const TRAFFIC_PAGE_MAX = 1000;
const DEFAULT_PAGE_SIZE = 100;

const TEXT_FIELDS = ['correlationId', 'path', 'sender', 'originalConsumer', 'receiver', 'contract', 'reason', 'producerUrl', 'routeTrace', 'permissionTrace', 'detail'] as const;
const BODY_FIELDS = ['requestBody', 'responseBody'] as const;
const HEADER_FIELDS = ['requestHeaders', 'producerHeaders'] as const;

function bounded(entry: NewTrafficEntry, seq: number): TrafficEntry {
  const { requestHeaders, producerHeaders, ...rest } = entry;
  const out: TrafficEntry = { seq, ...rest };
  for (const f of TEXT_FIELDS) if (out[f] !== undefined) out[f] = boundedText(out[f], TRAFFIC_TEXT_MAX_CHARS);
  if (requestHeaders) out.requestHeaders = recordedHeaders(requestHeaders);
  if (producerHeaders) out.producerHeaders = recordedHeaders(producerHeaders);
  if (out.violations) {
    out.violations = out.violations.slice(0, TRAFFIC_VIOLATIONS_MAX).map((v) => ({ direction: v.direction, message: boundedText(v.message, TRAFFIC_VIOLATION_MAX_CHARS) }));
  }
  return out;
}

const bodyBytes = (e: TrafficEntry): number =>
  BODY_FIELDS.reduce((n, f) => n + (e[f] === undefined ? 0 : Buffer.byteLength(e[f])), 0) + HEADER_FIELDS.reduce((n, f) => n + (e[f] === undefined ? 0 : headerBytes(e[f])), 0);

/** Captured headers go with the bodies: kept and dropped together, within the same budget. */
function dropBodies(e: TrafficEntry): void {
  for (const f of BODY_FIELDS) delete e[f];
  for (const f of HEADER_FIELDS) delete e[f];
  e.bodiesDropped = true;
}

type Matcher = (entry: TrafficEntry) => boolean;

function matcherOf(filter: TrafficFilter): Matcher {
  const wanted = TRAFFIC_FILTER_FIELDS.flatMap((f) => {
    const want = filter[f];
    return want ? [[f, want.toLowerCase()] as const] : [];
  });
  const contains = filter.match === 'contains';
  const from = filter.from?.getTime() ?? -Infinity;
  const to = filter.to?.getTime() ?? Infinity;
  const timed = from !== -Infinity || to !== Infinity;
  return (e) =>
    wanted.every(([f, want]) => {
      const have = String(e[f] ?? '').toLowerCase();
      return contains && !CHOICE_FIELDS.has(f) ? have.includes(want) : have === want;
    }) && (!timed || inRange(Date.parse(e.time), from, to));
}

const inRange = (ms: number, from: number, to: number): boolean => ms >= from && ms < to;

export class TrafficLog implements TrafficApi {
  private readonly ring: Array<TrafficEntry | undefined>;
  private next = 0;
  private lastSeq = 0;
  private readonly listeners = new Set<(e: TrafficEntry) => void>();
  /** entries holding bodies, oldest first, with their body bytes */
  private readonly withBodies = new Map<TrafficEntry, number>();
  capturing = false;
  /** bytes of the bodies held now (at most `captureBudgetBytes`) */
  capturedBytes = 0;

  constructor(
    readonly size: number,
    readonly captureBudgetBytes = 64 * 1024 * 1024,
  ) {
    this.ring = new Array<TrafficEntry | undefined>(Math.max(1, size));
  }

  /** calls held now (at most `size`) */
  count = 0;

  /** Stores a bounded copy of the entry and returns it. */
  add(entry: NewTrafficEntry): TrafficEntry {
    const stored = bounded(entry, ++this.lastSeq);
    const replaced = this.ring[this.next];
    if (replaced) this.forgetBodies(replaced);
    this.ring[this.next] = stored;
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
    this.keepBodies(stored);
    for (const l of this.listeners) {
      try {
        l(stored);
      } catch {
        // a failing listener (e.g. a closed console stream) must not break the call that was logged
      }
    }
    return stored;
  }

  list(filter: TrafficFilter = {}): TrafficEntry[] {
    return this.page(filter).calls;
  }

  page(filter: TrafficFilter = {}): TrafficPage {
    const limit = Math.max(0, Math.min(filter.limit ?? DEFAULT_PAGE_SIZE, TRAFFIC_PAGE_MAX));
    const matches = matcherOf(filter);
    const calls: TrafficEntry[] = [];
    // Entry `seq` sits (lastSeq - seq) places behind the newest, so a cursor costs no scan.
    const first = filter.before === undefined ? 1 : Math.max(1, this.lastSeq - filter.before + 2);
    let i = first;
    for (; i <= this.count && calls.length < limit; i++) {
      const e = this.ring[(this.next - i + this.ring.length) % this.ring.length]!;
      if (matches(e)) calls.push(e);
    }
    return i <= this.count && calls.length > 0 ? { calls, next: calls.at(-1)!.seq } : { calls };
  }

  get(seq: number): TrafficEntry | undefined {
    const behind = this.lastSeq - seq;
    if (!Number.isInteger(seq) || behind < 0 || behind >= this.count) return undefined;
    return this.ring[(this.next - 1 - behind + this.ring.length) % this.ring.length];
  }

  subscribe(listener: (e: TrafficEntry) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Switching capture off drops every body held, so their memory is returned. */
  setCapture(on: boolean): void {
    this.capturing = on;
    if (on) return;
    for (const e of this.withBodies.keys()) dropBodies(e);
    this.withBodies.clear();
    this.capturedBytes = 0;
  }

  private keepBodies(e: TrafficEntry): void {
    const bytes = bodyBytes(e);
    if (bytes === 0) return;
    this.withBodies.set(e, bytes);
    this.capturedBytes += bytes;
    for (const oldest of this.withBodies.keys()) {
      if (this.capturedBytes <= this.captureBudgetBytes) break;
      this.forgetBodies(oldest);
      dropBodies(oldest);
    }
  }

  private forgetBodies(e: TrafficEntry): void {
    const bytes = this.withBodies.get(e);
    if (bytes === undefined) return;
    this.withBodies.delete(e);
    this.capturedBytes -= bytes;
  }
}

/** Collects up to CAPTURE_MAX_BYTES of a body as it streams by. */
export class BodyCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  readonly tap = (chunk: Buffer): void => {
    if (this.size >= CAPTURE_MAX_BYTES) return;
    const part = chunk.subarray(0, CAPTURE_MAX_BYTES - this.size);
    this.chunks.push(part);
    this.size += part.length;
  };

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
