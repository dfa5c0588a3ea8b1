import { NS } from '../shared/soap/namespaces.js';
import { escapeXml } from '../shared/xml/serialize.js';
import { localTimestamp } from '../shared/local-time.js';
import type { SourceOutcome } from './source-call.js';


const el = (name: string, value: string): string => (value === '' ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`);

/**
 * One ProcessingStatusList per called source (docs/agp.md, "The ProcessingStatus header"). `lastSuccessfulSynch`
 * is required by the XSD and "Empty" on NoDataSynchFailed in its documentation table, so it is written empty
 * rather than omitted.
 */
function record(o: SourceOutcome, now: string): string {
  const common = el('logicalAddress', o.address);
  if (o.ok) {
    return `<ProcessingStatusList>${common}${el('statusCode', 'DataFromSource')}${el('isResponseFromCache', 'false')}${el('isResponseInSynch', 'true')}${el('lastSuccessfulSynch', now)}</ProcessingStatusList>`;
  }
  const error = `<lastUnsuccessfulSynchError>${el('causingAgent', 'virtualization_platform')}${el('code', o.code)}${el('text', o.text)}</lastUnsuccessfulSynchError>`;
  return `<ProcessingStatusList>${common}${el('statusCode', 'NoDataSynchFailed')}${el('isResponseFromCache', 'false')}${el('isResponseInSynch', 'false')}${el('lastSuccessfulSynch', '')}${el('lastUnsuccessfulSynch', now)}${error}</ProcessingStatusList>`;
}

export function processingStatusHeader(outcomes: readonly SourceOutcome[], now: Date): string {
  const ts = localTimestamp(now);
  return `<ProcessingStatus xmlns="${NS.interopHeaders}">${outcomes.map((o) => record(o, ts)).join('')}</ProcessingStatus>`;
}
