/**
 * What makes the demo's contract lifecycle report show every status: a consumer that only the catalogue
 * knows, still on GetCareDocumentation 2, and publication dates for the two newest majors the reference
 * journal systems produce next to their predecessors (GetCareDocumentation 3, GetLaboratoryOrderOutcome 4).
 * Their real dates are not in the published files; these demo values, counted back from the first start,
 * put GetCareDocumentation 2 past its deadline and GetLaboratoryOrderOutcome 3 within the warning months.
 */
import { addMonths } from '../../contracts/index.js';
import { PLATFORM_ADDRESS } from '../reference-system.js';

export interface CatalogueOnlyConsumer {
  hsaId: string;
  description: string;
  calls: Array<{ namespace: string; logicalAddress: string }>;
}

const GET_CARE_DOCUMENTATION_2 = 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:2';

export const LEGACY_CONSUMERS: readonly CatalogueOnlyConsumer[] = [
  {
    hsaId: 'SE2321000016-V001',
    description: 'Journalvisning Region Stockholm (catalogue only: still on GetCareDocumentation 2)',
    calls: [{ namespace: GET_CARE_DOCUMENTATION_2, logicalAddress: PLATFORM_ADDRESS }],
  },
];

/** Demo publication dates, set as the operator's (user `demo`) unless a date is already corrected. */
export function demoPublicationDates(today: string): Array<{ namespace: string; published: string }> {
  return [
    { namespace: 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:3', published: addMonths(today, -24) },
    { namespace: 'urn:riv:clinicalprocess:healthcond:actoutcome:GetLaboratoryOrderOutcomeResponder:4', published: addMonths(today, -14) },
  ];
}
