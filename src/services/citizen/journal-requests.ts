/** Journal requests as the 1177 e-services send them: only the patient, to the aggregator or one source. */
import { escapeXml } from '../../shared/xml/serialize.js';
import { JOURNAL_CONTRACTS, type JournalContract } from '../journal/journal-contracts.js';
import { PERSON_ID_OID } from '../test-persons.js';

export function journalContract(namespace: string): JournalContract {
  const c = JOURNAL_CONTRACTS.find((k) => k.namespace === namespace);
  if (!c) throw new Error(`not a journal contract: ${namespace}`);
  return c;
}

/** The request payload of a journal contract for one person. */
export function journalRequest(namespace: string, personId: string): string {
  const c = journalContract(namespace);
  const id = escapeXml(personId);
  const patient =
    c.patientIdType === 'PersonIdType'
      ? `<c:id>${id}</c:id><c:type>${PERSON_ID_OID}</c:type>`
      : `<c:root>${PERSON_ID_OID}</c:root><c:extension>${id}</c:extension>`;
  return `<${c.operation} xmlns="${c.namespace}" xmlns:c="${c.coreNs}"><patientId>${patient}</patientId></${c.operation}>`;
}
