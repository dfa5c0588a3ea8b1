/**
 * Reports a system's engagements to the engagement index with Update, through the hub over mutual TLS
 * (spec engagement-index-and-aggregation.md §1: LogicalAddress = the EI owner's organisation number).
 */
import { callThroughHub, type HubCaller } from '../shared/soap/client.js';
import { rivRequest } from '../shared/soap/envelope.js';
import { child } from '../shared/xml/tree.js';
import { leaf, node } from './xml-fragment.js';

export const EI_UPDATE_NS = 'urn:riv:itintegration:engagementindex:UpdateResponder:1';
const EI_CORE_NS = 'urn:riv:itintegration:engagementindex:1';
/** EI000: at most 1000 transactions per Update (spec §2). */
const MAX_TRANSACTIONS = 1000;

/** One engagement (EngagementType) as a producer reports it; EI sets owner and the times. */
export interface Engagement {
  registeredResidentIdentification: string;
  serviceDomain: string;
  categorization: string;
  logicalAddress: string;
  businessObjectInstanceIdentifier: string;
  clinicalProcessInterestId: string;
  /** yyyyMMddHHmmss */
  mostRecentContent?: string;
  sourceSystem: string;
  dataController: string;
}

export class EiUpdateError extends Error {
  readonly code = 'NTJP_ERR_EI_UPDATE';
}

function transaction(e: Engagement, deleteFlag: boolean): string {
  return node(
    'engagementTransaction',
    leaf('c:deleteFlag', deleteFlag),
    node(
      'c:engagement',
      leaf('c:registeredResidentIdentification', e.registeredResidentIdentification),
      leaf('c:serviceDomain', e.serviceDomain),
      leaf('c:categorization', e.categorization),
      leaf('c:logicalAddress', e.logicalAddress),
      leaf('c:businessObjectInstanceIdentifier', e.businessObjectInstanceIdentifier),
      leaf('c:clinicalProcessInterestId', e.clinicalProcessInterestId),
      leaf('c:mostRecentContent', e.mostRecentContent),
      leaf('c:sourceSystem', e.sourceSystem),
      leaf('c:dataController', e.dataController),
    ),
  );
}

/** The Update payload for up to 1000 engagements. */
export function updatePayload(engagements: Engagement[], deleteFlag = false): string {
  return `<Update xmlns="${EI_UPDATE_NS}" xmlns:c="${EI_CORE_NS}">${engagements.map((e) => transaction(e, deleteFlag)).join('')}</Update>`;
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
