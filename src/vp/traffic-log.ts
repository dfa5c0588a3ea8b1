/**
 * The last N calls through the hub, in memory, for the console (issue 2 §10). A ring buffer: adding is
 * O(1) and memory is bounded; bodies are kept only while capture is on, and then capped.
 */
import type { RivProfile } from '../shared/soap/envelope.js';
import type { VpFaultCode } from './faults.js';
import type { TrafficDirection } from './contract-hooks.js';

/**
 * `contract-fault`: refused by strict traffic validation (faultCode is then the contracts' NTJP-CONTRACT00n);
 * `adapter-fault`: a format adapter's outbound leg failed (faultCode NTJP-ADAPTER00n, docs/adapters.md).
 */
export type CallOutcome = 'ok' | 'vp-fault' | 'producer-fault' | 'contract-fault' | 'adapter-fault';

export interface TrafficViolation {
  direction: TrafficDirection;
  message: string;
}

export interface TrafficEntry {
  correlationId: string;
  time: string;
  sender?: string;
  originalConsumer?: string;
  receiver?: string;
  contract?: string;
  rivProfile?: RivProfile;
  outcome: CallOutcome;
  faultCode?: VpFaultCode | `NTJP-${string}`;
  httpStatus: number;
  durationMs: number;
  producerMs?: number;
  producerUrl?: string;
  /** schema violations found by traffic validation (report or strict) */
  violations?: TrafficViolation[];
  /** set on a format adapter's leg (`SHS`, `SSEK`); absent on the RIV call through the hub */
  leg?: string;
  /** why the leg ended as it did (a fault's text, a receipt) */
  detail?: string;
  requestBody?: string;
  responseBody?: string;
}

export interface TrafficFilter {
  sender?: string;
  receiver?: string;
  contract?: string;
  outcome?: string;
  faultCode?: string;
  limit?: number;
}

export interface TrafficApi {
  /** records a call (the hub's own, or a format adapter's outbound leg) */
  add(entry: TrafficEntry): void;
  /** newest first */
  list(filter?: TrafficFilter): TrafficEntry[];
  subscribe(listener: (entry: TrafficEntry) => void): () => void;
  setCapture(on: boolean): void;
  readonly capturing: boolean;
}

/** Captured bodies are cut at this size: the log is for looking, not for replay. */
export const CAPTURE_MAX_BYTES = 64 * 1024;
const DEFAULT_LIST_LIMIT = 100;

const FILTER_FIELDS = ['sender', 'receiver', 'contract', 'outcome', 'faultCode'] as const;

export class TrafficLog implements TrafficApi {
  private readonly ring: Array<TrafficEntry | undefined>;
  private next = 0;
  private readonly listeners = new Set<(e: TrafficEntry) => void>();
  capturing = false;

  constructor(readonly size: number) {
    this.ring = new Array<TrafficEntry | undefined>(Math.max(1, size));
  }

  /** calls held now (at most `size`) */
  count = 0;

  add(entry: TrafficEntry): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
    for (const l of this.listeners) {
      try {
        l(entry);
      } catch {
        // a failing listener (e.g. a closed console stream) must not break the call that was logged
      }
    }
  }

  list(filter: TrafficFilter = {}): TrafficEntry[] {
    const limit = Math.max(0, Math.min(filter.limit ?? DEFAULT_LIST_LIMIT, this.ring.length));
    const out: TrafficEntry[] = [];
    for (let i = 1; i <= this.ring.length && out.length < limit; i++) {
      const e = this.ring[(this.next - i + this.ring.length) % this.ring.length];
      if (!e) break;
      if (FILTER_FIELDS.every((f) => !filter[f] || String(e[f] ?? '').toLowerCase() === filter[f]!.toLowerCase())) out.push(e);
    }
    return out;
  }

  subscribe(listener: (e: TrafficEntry) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  setCapture(on: boolean): void {
    this.capturing = on;
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
