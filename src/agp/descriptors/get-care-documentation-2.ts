import type { AggregatedContract } from './contract.js';
import { PERSON_ID } from './result-types.js';

/** GetCareDocumentation 2.1: the real aggregator only concatenates the records, its answer has no result (docs/agp.md). */
export const getCareDocumentation2: AggregatedContract = {
  interaction: 'GetCareDocumentation',
  major: 2,
  namespace: 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:2',
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['voo'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAid' },
  records: ['careDocumentation'],
  fanOutBy: 'sourceSystem',
};
