/**
 * What the SHS and SSEK bridges have in common: who a call goes to (worked out from the mapping before
 * anything is sent, so even a failure names it), and what the RIV caller gets back.
 */
import type { Dispatcher } from 'undici';
import type { SoapReply } from '../platform/soap-server.js';
import type { FormatMappingEntry } from '../tak/snapshot.js';
import type { DeliveryState } from './delivery-store.js';
import { AdapterFault } from './faults.js';
import type { SigningAlgorithms, SigningIdentity } from './ssek/ws-security.js';

export type Format = FormatMappingEntry['format'];

/** Header on an asynchronous SHS answer: the receiver's receipt follows (docs/adapters.md). */
export const PENDING_RECEIPT_HEADER = 'x-ntjp-adapter-receipt';

export interface Target {
  url: string;
  sender: string;
  receiver: string;
  txId: string;
}

export interface OutboundCall {
  mapping: FormatMappingEntry;
  target: Target;
  correlationId: string;
  /** the RIV payload element as the caller wrote it */
  payload: string;
}

export interface BridgeResult {
  reply: SoapReply;
  /** HTTP status of the receiver's answer */
  httpStatus: number;
  state: DeliveryState;
  detail: string;
}

/** What the bridges need from the platform: settings, the TLS pool with the adapter's certificate, the clock. */
export interface BridgeDeps {
  platformHsaId: string;
  settings: (key: string) => unknown;
  dispatcher: Dispatcher;
  signer: SigningIdentity;
  /** CA(s) that answers' signatures must chain to */
  caPem: string;
  now: () => Date;
}

export interface Bridge {
  format: Format;
  target(mapping: FormatMappingEntry, correlationId: string, deps: BridgeDeps): Target;
  send(call: OutboundCall, deps: BridgeDeps): Promise<BridgeResult>;
}

export function ssekAlgorithms(deps: BridgeDeps): SigningAlgorithms {
  return {
    signatureAlgorithm: deps.settings('adapters.ssekSignatureAlgorithm') as string,
    digestAlgorithm: deps.settings('adapters.ssekDigestAlgorithm') as string,
    timestampTtlSeconds: deps.settings('adapters.ssekTimestampTtlSeconds') as number,
  };
}

/** A transport failure (refused, reset, timeout) as ADAPTER002 naming the receiver and the undici code. */
export function unreachable(format: Format, url: string, e: unknown): Error {
  const code = (e as { code?: string }).code ?? (e as Error).name;
  return new AdapterFault('ADAPTER002', format, url, `${code}: ${(e as Error).message}`);
}

export const timeouts = (deps: BridgeDeps): { headersTimeout: number; bodyTimeout: number } => {
  const ms = deps.settings('adapters.receiverTimeoutMs') as number;
  return { headersTimeout: ms, bodyTimeout: ms };
};
