import type { Dispatcher } from 'undici';
import { hubPost, type SoapSend } from '../shared/soap/client.js';
import { parseEnvelope, rivRequest, type ParsedEnvelope } from '../shared/soap/envelope.js';
import { escapeXml, serializeXml } from '../shared/xml/serialize.js';
import { child, type XmlElement } from '../shared/xml/tree.js';
import type { AggregatedContract } from './descriptors/index.js';
import { detach } from './xml-scope.js';
import { cutRecords } from './cut-records.js';
import type { XmlLimits } from '../shared/xml/limits.js';

/** What one source gave: its records by list element, or why it gave none (docs/agp.md, "Flow" step 6). */
export type SourceOutcome =
  /** records as standalone XML text (namespaces re-declared), by list element */
  | { address: string; ok: true; records: Map<string, string[]> }
  | { address: string; ok: false; code: string; text: string };

/** The consumer's call as the aggregator forwards it. */
export interface IncomingCall {
  envelope: ParsedEnvelope;
  payload: XmlElement;
  patientId: string;
  senderId: string;
  correlationId: string;
  /** x-rivta-* headers (original consumer included), forwarded unchanged */
  rivtaHeaders: Record<string, string>;
}

export interface SourceCallContext {
  hubUrl: string;
  instanceId: string;
  dispatcher: Dispatcher;
  /** in-process or over HTTP (hub-send.ts) */
  send: SoapSend;
  sourceMs: number;
  /** the request for a source at this address (`requestBuilder`) */
  requestFor: (address: string) => string;
  /** aborts when the whole aggregation's deadline passes */
  aggregateSignal: AbortSignal;
  xmlLimits: XmlLimits;
}

/** Error codes of NoDataSynchFailed records (docs/agp.md, "The ProcessingStatus header"). */
const CODE_READ_TIMEOUT = '504';
const CODE_OTHER = '43000';

/** Stands for the called address while the request is serialized; U+0000 cannot occur in parsed XML. */
const ADDRESS_MARK = '\u0000';

/**
 * The request each source gets (docs/agp.md, "Flow" step 5): the consumer's payload and SOAP headers with the source's
 * LogicalAddress and the descriptor's rewrites. Serialized once per aggregated call; per source only the
 * address is filled in.
 */
export function requestBuilder(contract: AggregatedContract, call: IncomingCall): (address: string) => string {
  const values = { logicalAddress: ADDRESS_MARK, patientId: call.patientId };
  const rewrites = new Map((contract.rewrites ?? []).map((r) => [r.element, values[r.value]]));
  const ancestors = [call.envelope.envelope, child(call.envelope.envelope, 'Body')].filter((e): e is XmlElement => e !== undefined);
  const payload = detach(
    { ...call.payload, children: call.payload.children.map((c) => (rewrites.has(c.name) ? { ...c, children: [], text: rewrites.get(c.name)! } : c)) },
    ancestors,
  );
  const headerAncestors = [call.envelope.envelope, call.envelope.header].filter((e): e is XmlElement => e !== undefined);
  const otherHeaders = (call.envelope.header?.children ?? [])
    .filter((h) => h.name !== 'LogicalAddress' && h.name !== 'To')
    .map((h) => serializeXml(detach(h, headerAncestors)));
  const parts = rivRequest(ADDRESS_MARK, serializeXml(payload), otherHeaders).split(ADDRESS_MARK);
  return (address) => parts.join(escapeXml(address));
}

function describeError(e: Error): string {
  const cause = (e as { cause?: Error }).cause;
  return cause?.message ? `${e.message}, ${cause.message}` : e.message;
}

/** Calls one source through the hub as the original sender and classifies the answer; never throws. */
export async function callSource(contract: AggregatedContract, call: IncomingCall, address: string, ctx: SourceCallContext): Promise<SourceOutcome> {
  const sourceSignal = AbortSignal.timeout(ctx.sourceMs);
  try {
    const answer = await ctx.send(
      hubPost(
        { kind: 'internal', url: ctx.hubUrl, senderId: call.senderId, instanceId: ctx.instanceId, dispatcher: ctx.dispatcher },
        ctx.requestFor(address),
        {
          correlationId: call.correlationId,
          headers: call.rivtaHeaders,
          soapAction: `${contract.namespace}:${contract.interaction}`,
          timeoutMs: ctx.sourceMs + 1000,
          signal: AbortSignal.any([sourceSignal, ctx.aggregateSignal]),
        },
      ),
    );
    const scanned = cutRecords(answer.body, contract.records, contract.namespace, ctx.xmlLimits);
    if (scanned.kind === 'fault') return { address, ok: false, code: String(answer.status), text: parseEnvelope(answer.body, { limits: ctx.xmlLimits }).fault!.string };
    if (answer.status === 200 && scanned.kind === 'payload' && scanned.name === `${contract.interaction}Response` && scanned.ns === contract.namespace) {
      return { address, ok: true, records: scanned.records };
    }
    const what = scanned.kind === 'payload' ? `{${scanned.ns}}${scanned.name}` : scanned.kind === 'empty-body' ? 'an empty SOAP Body' : 'no SOAP envelope';
    return { address, ok: false, code: CODE_OTHER, text: `Invalid answer from source (HTTP ${answer.status}): ${what}` };
  } catch (e) {
    // The aggregate deadline wins over a source timeout that fires at the same moment (AA_AggregateTimeoutIT).
    if (ctx.aggregateSignal.aborted) return { address, ok: false, code: CODE_OTHER, text: 'Unknown error' };
    if (sourceSignal.aborted) return { address, ok: false, code: CODE_READ_TIMEOUT, text: `Read timed out after ${ctx.sourceMs} ms` };
    return { address, ok: false, code: CODE_OTHER, text: describeError(e as Error) };
  }
}
