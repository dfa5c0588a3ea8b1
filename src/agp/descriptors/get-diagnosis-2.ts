import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:description:GetDiagnosisResponder:2';

/** GetDiagnosis 2 (spec riv-contracts.md §3, engagement-index-and-aggregation.md §5). */
export const getDiagnosis2: AggregatedContract = {
  interaction: 'GetDiagnosis',
  major: 2,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['dia'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['diagnosis'],
  result: resultWithLogId(NS, 'urn:riv:clinicalprocess:healthcond:description:2'),
  fanOutBy: 'sourceSystem',
};
