import { hubPost, postSoap, type HubCaller, type SoapSend } from '../shared/soap/client.js';
import { rivRequest } from '../shared/soap/envelope.js';
import { escapeXml } from '../shared/xml/serialize.js';
import { children, childText } from '../shared/xml/tree.js';
import type { XmlLimits } from '../shared/xml/limits.js';
import { AgpFault } from './faults.js';

const FIND_CONTENT_NS = 'urn:riv:itintegration:engagementindex:FindContentResponder:1';

/** The engagement fields the aggregator uses. */
export interface Engagement {
  logicalAddress: string;
  sourceSystem: string;
  categorization: string;
}

export interface FindContentQuery {
  caller: HubCaller;
  /** in-process or over HTTP (hub-send.ts) */
  send: SoapSend;
  /** SOAP LogicalAddress of the EI */
  eiAddress: string;
  patientId: string;
  serviceDomain: string;
  /** sent only when the contract has exactly one categorization */
  categorization: string | undefined;
  correlationId: string;
  timeoutMs: number;
  xmlLimits: XmlLimits;
}

function findContentRequest(q: FindContentQuery): string {
  const field = (name: string, value: string): string => `<${name}>${escapeXml(value)}</${name}>`;
  const categorization = q.categorization === undefined ? '' : field('categorization', q.categorization);
  const payload = `<FindContent xmlns="${FIND_CONTENT_NS}">${field('registeredResidentIdentification', q.patientId)}${field('serviceDomain', q.serviceDomain)}${categorization}</FindContent>`;
  return rivRequest(q.eiAddress, payload);
}

/** Calls FindContent through the hub; any fault, timeout or unreadable answer is an AGP_EI_FAILED fault. */
export async function findContent(q: FindContentQuery): Promise<Engagement[]> {
  let answer;
  try {
    const post = hubPost(q.caller, findContentRequest(q), {
      correlationId: q.correlationId,
      soapAction: `${FIND_CONTENT_NS}:FindContent`,
      timeoutMs: q.timeoutMs,
      signal: AbortSignal.timeout(q.timeoutMs),
      xmlLimits: q.xmlLimits,
    });
    answer = await postSoap(post, q.send);
  } catch (e) {
    const err = e as Error;
    throw new AgpFault('AGP_EI_FAILED', err.name === 'TimeoutError' ? `no answer within ${q.timeoutMs} ms` : err.message);
  }
  const env = answer.envelope;
  if (env?.fault) throw new AgpFault('AGP_EI_FAILED', env.fault.string);
  const payload = env?.payload;
  if (answer.status !== 200 || !payload || payload.name !== 'FindContentResponse' || payload.ns !== FIND_CONTENT_NS) {
    throw new AgpFault('AGP_EI_FAILED', `unexpected answer (HTTP ${answer.status})`);
  }
  return children(payload, 'engagement').map((e) => ({
    logicalAddress: (childText(e, 'logicalAddress') ?? '').trim(),
    sourceSystem: (childText(e, 'sourceSystem') ?? '').trim(),
    categorization: (childText(e, 'categorization') ?? '').trim(),
  }));
}
