/**
 * Reads the filters common to every journal request: the patient (PersonIdType `id` or IIType
 * `extension`), care units, source system and period. The contracts spell the elements differently
 * (careUnitHSAid/careUnitHSAId/careUnit, sourceSystemHSAid/sourceSystemHSAId/sourceSystemId,
 * timePeriod/datePeriod), so names are matched case-insensitively.
 */
import { child, type XmlElement } from '../../shared/xml/tree.js';

export interface JournalQuery {
  personId: string;
  careUnits: string[];
  sourceSystem: string | undefined;
  /** yyyyMMdd, inclusive */
  from: string | undefined;
  to: string | undefined;
}

export class JournalRequestError extends Error {
  readonly code = 'NTJP_ERR_JOURNAL_REQUEST';
}

const idOf = (el: XmlElement): string => (child(el, 'id') ?? child(el, 'extension'))?.text.trim() ?? el.text.trim();

export function readJournalQuery(payload: XmlElement): JournalQuery {
  const q: JournalQuery = { personId: '', careUnits: [], sourceSystem: undefined, from: undefined, to: undefined };
  for (const c of payload.children) {
    const name = c.name.toLowerCase();
    if (name === 'patientid') q.personId = idOf(c);
    else if (name === 'careunithsaid' || name === 'careunit') q.careUnits.push(idOf(c));
    else if (name === 'sourcesystemhsaid' || name === 'sourcesystemid') q.sourceSystem = idOf(c);
    else if (name === 'timeperiod' || name === 'dateperiod') {
      q.from = child(c, 'start')?.text.trim().slice(0, 8) || undefined;
      q.to = child(c, 'end')?.text.trim().slice(0, 8) || undefined;
    }
  }
  if (q.personId === '') throw new JournalRequestError(`${payload.name}: patientId is mandatory but missing`);
  return q;
}
