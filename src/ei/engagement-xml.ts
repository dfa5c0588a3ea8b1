import { escapeXml } from '../shared/xml/serialize.js';
import { FIELDS, type Engagement, type EngagementTransaction } from './fields.js';
import { EI_NS } from './namespaces.js';

/** Prefix of the core namespace inside our answers and notifications. */
const CORE = 'core';

/** An EngagementType's children in XSD order (empty optional fields left out). */
export function engagementFieldsXml(e: Engagement): string {
  let out = '';
  for (const f of FIELDS) {
    const v = e[f.name];
    if (v !== undefined) out += `<${CORE}:${f.name}>${escapeXml(v)}</${CORE}:${f.name}>`;
  }
  return out;
}

/** `<Root xmlns=responderNs xmlns:core=…>inner</Root>`: responder elements unprefixed, core prefixed. */
export function responderXml(responderNs: string, root: string, inner: string): string {
  return `<${root} xmlns="${responderNs}" xmlns:${CORE}="${EI_NS.core}">${inner}</${root}>`;
}

export function findContentResponseXml(engagements: readonly Engagement[]): string {
  return responderXml(EI_NS.findContent, 'FindContentResponse', engagements.map((e) => `<engagement>${engagementFieldsXml(e)}</engagement>`).join(''));
}

/** `engagementTransaction` elements, the same in Update and ProcessNotification. */
export function engagementTransactionsXml(transactions: readonly EngagementTransaction[]): string {
  return transactions
    .map((t) => `<engagementTransaction><${CORE}:deleteFlag>${t.deleteFlag}</${CORE}:deleteFlag><${CORE}:engagement>${engagementFieldsXml(t.engagement)}</${CORE}:engagement></engagementTransaction>`)
    .join('');
}

/** The ProcessNotification payload sent to a subscriber. */
export function processNotificationXml(transactions: readonly EngagementTransaction[]): string {
  return responderXml(EI_NS.processNotification, 'ProcessNotification', engagementTransactionsXml(transactions));
}

/** The Update payload a producer sends (services/ei-reporter.ts). */
export function updateXml(transactions: readonly EngagementTransaction[]): string {
  return responderXml(EI_NS.update, 'Update', engagementTransactionsXml(transactions));
}

/** UpdateResponse / ProcessNotificationResponse: `ResultCode` and, for the legacy ERROR answer, a comment. */
export function resultXml(responderNs: string, root: string, resultCode: 'OK' | 'ERROR', comment?: string): string {
  return responderXml(responderNs, root, `<ResultCode>${resultCode}</ResultCode>${comment === undefined ? '' : `<comment>${escapeXml(comment)}</comment>`}`);
}
