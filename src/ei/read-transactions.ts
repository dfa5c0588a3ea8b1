import { child, children, type XmlElement } from '../shared/xml/tree.js';
import { EI_NS } from './namespaces.js';
import { FIELDS, type Engagement, type EngagementTransaction } from './fields.js';
import { EiError } from './errors.js';
import { mapInSlices } from './slices.js';

const BOOLEAN: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

/**
 * Reads one `EngagementType` element in one pass over its children (the first of a name counts); absent fields
 * stay undefined, text is kept untrimmed for EI004.
 */
export function readEngagement(el: XmlElement, ns: string = EI_NS.core): Engagement {
  const texts = new Map<string, string>();
  for (const c of el.children) if (c.ns === ns && !texts.has(c.name)) texts.set(c.name, c.text);
  const e: Record<string, string | undefined> = {};
  for (const field of FIELDS) {
    const text = texts.get(field.name);
    e[field.name] = field.defaultsToNa && text === '' ? 'NA' : text;
  }
  return e as unknown as Engagement;
}

/**
 * Reads the `engagementTransaction` list of an Update or ProcessNotification payload. A payload we cannot
 * read as transactions at all is EI001; everything the EI validates itself is left to validate-transactions.
 */
export async function readTransactions(payload: XmlElement, responderNs: string, rootName: string): Promise<EngagementTransaction[]> {
  if (payload.name !== rootName || payload.ns !== responderNs) throw new EiError('EI001', [`expected {${responderNs}}${rootName}, got {${payload.ns}}${payload.name}`]);
  return mapInSlices(children(payload, 'engagementTransaction', responderNs), (t, i) => {
    const flag = BOOLEAN[(child(t, 'deleteFlag', EI_NS.core)?.text ?? '').trim()];
    const engagement = child(t, 'engagement', EI_NS.core);
    if (flag === undefined) throw new EiError('EI001', [`engagementTransaction #${i + 1} has no boolean deleteFlag`]);
    if (!engagement) throw new EiError('EI001', [`engagementTransaction #${i + 1} has no engagement`]);
    return { deleteFlag: flag, engagement: readEngagement(engagement) };
  });
}
