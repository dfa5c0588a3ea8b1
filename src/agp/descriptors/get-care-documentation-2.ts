import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

/** GetCareDocumentation 2.1 (spec riv-contracts.md §3): the result is the 2.1 extension element. */
export const getCareDocumentation2: AggregatedContract = {
  interaction: 'GetCareDocumentation',
  major: 2,
  namespace: 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:2',
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['voo'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAid' },
  records: ['careDocumentation'],
  result: resultWithLogId('urn:riv:clinicalprocess:healthcond:description:2.1', 'urn:riv:clinicalprocess:healthcond:description:2.1'),
  fanOutBy: 'sourceSystem',
};
