import type { AggregatedContract } from './contract.js';
import { PERSON_ID } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:description:GetDiagnosisResponder:2';

/** GetDiagnosis 2: the real aggregator only concatenates the records, its answer has no result (docs/agp.md). */
export const getDiagnosis2: AggregatedContract = {
  interaction: 'GetDiagnosis',
  major: 2,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['dia'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['diagnosis'],
  fanOutBy: 'sourceSystem',
};
