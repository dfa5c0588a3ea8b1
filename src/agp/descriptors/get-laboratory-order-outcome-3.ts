import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:actoutcome:GetLaboratoryOrderOutcomeResponder:3';

/** GetLaboratoryOrderOutcome 3 (docs/agp.md, "Served contracts"). */
export const getLaboratoryOrderOutcome3: AggregatedContract = {
  interaction: 'GetLaboratoryOrderOutcome',
  major: 3,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:actoutcome',
  categorizations: ['und-kkm-ure'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['laboratoryOrderOutcome'],
  result: resultWithLogId(NS, 'urn:riv:clinicalprocess:healthcond:actoutcome:3'),
  fanOutBy: 'sourceSystem',
};
