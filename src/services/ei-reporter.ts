/**
 * Reports a system's engagements to the engagement index with Update, through the hub over mutual TLS
 * (LogicalAddress = the organisation number of the EI's owner; docs/ei.md, "Services").
 */
import { callThroughHub, type HubCaller } from '../shared/soap/client.js';
import { rivRequest } from '../shared/soap/envelope.js';
import { child } from '../shared/xml/tree.js';
import { EI_NS, updateXml, type Engagement } from '../ei/index.js';

export type { Engagement };
export const EI_UPDATE_NS = EI_NS.update;
/** EI000: at most 1000 transactions per Update (docs/ei.md, "Validation"). */
const MAX_TRANSACTIONS = 1000;

export class EiUpdateError extends Error {
  readonly code = 'NTJP_ERR_EI_UPDATE';
}

/** The Update payload for up to 1000 engagements (the EI's own writer: fields in XSD order). */
export function updatePayload(engagements: Engagement[], deleteFlag = false): string {
  return updateXml(engagements.map((engagement) => ({ deleteFlag, engagement })));
}

/** Sends the engagements in Updates of at most 1000; throws EiUpdateError on a fault or a non-OK ResultCode. */
export async function reportEngagements(hub: HubCaller, eiAddress: string, engagements: Engagement[], deleteFlag = false): Promise<void> {
  for (let i = 0; i < engagements.length; i += MAX_TRANSACTIONS) {
    const answer = await callThroughHub(hub, rivRequest(eiAddress, updatePayload(engagements.slice(i, i + MAX_TRANSACTIONS), deleteFlag)), {
      soapAction: `${EI_UPDATE_NS}:Update`,
    });
    const env = answer.envelope;
    if (env?.fault) throw new EiUpdateError(`EI Update failed: ${env.fault.string}`);
    const code = child(env?.payload, 'ResultCode')?.text;
    if (answer.status !== 200 || code !== 'OK') throw new EiUpdateError(`EI Update answered HTTP ${answer.status}, ResultCode ${code ?? '(none)'}`);
  }
}
