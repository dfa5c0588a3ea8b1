/** Named SOAP builders for EI scenarios. */
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import { child, children } from '../../src/shared/xml/tree.js';
import { escapeXml } from '../../src/shared/xml/serialize.js';
import { EI_NS, type Engagement } from '../../src/ei/index.js';

export const EI_HSA_ID = '5565594230';
export const PATIENT = '191212121212';

/** A complete engagement for a patient at a care unit; override any field. */
export function engagement(over: Partial<Engagement> = {}): Engagement {
  return {
    registeredResidentIdentification: PATIENT,
    serviceDomain: 'riv:clinicalprocess:healthcond:description',
    categorization: 'voo',
    logicalAddress: 'SE2321000016-1234',
    businessObjectInstanceIdentifier: 'NA',
    clinicalProcessInterestId: 'NA',
    mostRecentContent: '20240101120000',
    sourceSystem: 'SE2321000016-JOUR',
    dataController: 'SE2321000016',
    ...over,
  };
}

const ORDER: Array<keyof Engagement> = ['registeredResidentIdentification', 'serviceDomain', 'categorization', 'logicalAddress', 'businessObjectInstanceIdentifier',
  'clinicalProcessInterestId', 'mostRecentContent', 'sourceSystem', 'creationTime', 'updateTime', 'dataController', 'owner'];

function engagementXml(e: Partial<Engagement>): string {
  return ORDER.filter((k) => e[k] !== undefined).map((k) => `<c:${k}>${escapeXml(e[k]!)}</c:${k}>`).join('');
}

export interface Tx {
  deleteFlag?: boolean;
  engagement: Partial<Engagement>;
}

function transactionsXml(ns: string, root: string, txs: Tx[]): string {
  const inner = txs.map((t) => `<r:engagementTransaction><c:deleteFlag>${t.deleteFlag ?? false}</c:deleteFlag><c:engagement>${engagementXml(t.engagement)}</c:engagement></r:engagementTransaction>`).join('');
  return `<r:${root} xmlns:r="${ns}" xmlns:c="${EI_NS.core}">${inner}</r:${root}>`;
}

export const updatePayload = (txs: Tx[]): string => transactionsXml(EI_NS.update, 'Update', txs);
/** `null` leaves the LogicalAddress header out. */
export const updateRequest = (txs: Tx[], logicalAddress: string | null = EI_HSA_ID): string =>
  logicalAddress === null ? soapEnvelope(updatePayload(txs)) : rivRequest(logicalAddress, updatePayload(txs));
export const processNotificationRequest = (txs: Tx[], logicalAddress = EI_HSA_ID): string =>
  rivRequest(logicalAddress, transactionsXml(EI_NS.processNotification, 'ProcessNotification', txs));

export function findContentPayload(query: Partial<Engagement>): string {
  const fields = ['registeredResidentIdentification', 'serviceDomain', 'categorization', 'logicalAddress', 'businessObjectInstanceIdentifier', 'clinicalProcessInterestId',
    'mostRecentContent', 'sourceSystem', 'dataController', 'owner'] as const;
  const inner = fields.filter((k) => query[k] !== undefined).map((k) => `<f:${k}>${escapeXml(query[k]!)}</f:${k}>`).join('');
  return `<f:FindContent xmlns:f="${EI_NS.findContent}">${inner}</f:FindContent>`;
}
export const findContentRequest = (query: Partial<Engagement>): string => rivRequest(EI_HSA_ID, findContentPayload(query));

export const inserts = (n: number, over: Partial<Engagement> = {}): Tx[] =>
  Array.from({ length: n }, (_, i) => ({ engagement: engagement({ businessObjectInstanceIdentifier: `doc-${i}`, ...over }) }));

/** The ResultCode of an Update / ProcessNotification answer. */
export function resultCode(answer: SoapAnswer): string | undefined {
  return child(answer.envelope?.payload, 'ResultCode')?.text;
}

/** The engagements of a FindContent answer, as field → text maps. */
export function foundEngagements(answer: SoapAnswer): Array<Record<string, string>> {
  return children(answer.envelope?.payload, 'engagement', EI_NS.findContent).map((e) => Object.fromEntries(e.children.map((c) => [c.name, c.text])));
}
