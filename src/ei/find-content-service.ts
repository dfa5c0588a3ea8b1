import { faultReply, type SoapHandler } from '../platform/soap-server.js';
import { soapEnvelope } from '../shared/soap/envelope.js';
import { child, type XmlElement } from '../shared/xml/tree.js';
import { EI_NS } from './namespaces.js';
import { DETAIL, EiError } from './errors.js';
import { FIND_FIELDS } from './fields.js';
import { findContentResponseXml } from './engagement-xml.js';
import type { EiStore, FindQuery } from './store.js';
import { missingCorrelationId } from './transaction-services.js';

export const FIND_CONTENT_PATH = '/ei/find-content';

/**
 * Reads a FindContent request (docs/ei.md, "FindContent"). Empty optional elements are ignored
 * rather than matched against empty values; the LogicalAddress header is not checked.
 */
export function readFindQuery(payload: XmlElement): FindQuery {
  if (payload.name !== 'FindContent' || payload.ns !== EI_NS.findContent) throw new EiError('EI001', [`expected {${EI_NS.findContent}}FindContent, got {${payload.ns}}${payload.name}`]);
  const query: Record<string, string> = {};
  for (const name of FIND_FIELDS) {
    const text = child(payload, name, EI_NS.findContent)?.text.trim();
    if (text) query[name] = text;
  }
  for (const name of ['registeredResidentIdentification', 'serviceDomain']) if (!query[name]) throw new EiError('EI000', [DETAIL.mandatoryMissing(name)]);
  return query as FindQuery;
}

/** FindContent has no ResultCode, so its errors are always faults. */
export function findContentHandler(store: EiStore): SoapHandler {
  return async (call) => {
    const refused = missingCorrelationId(call.headers);
    if (refused) return refused;
    let query: FindQuery;
    try {
      query = readFindQuery(call.payload);
    } catch (e) {
      if (e instanceof EiError) return faultReply('Client', e.message);
      throw e;
    }
    return { body: soapEnvelope(findContentResponseXml(await store.find(query))) };
  };
}
