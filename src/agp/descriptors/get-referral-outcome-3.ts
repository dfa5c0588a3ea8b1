import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:actoutcome:GetReferralOutcomeResponder:3';

/** GetReferralOutcome 3 (docs/agp.md, "Served contracts"). */
export const getReferralOutcome3: AggregatedContract = {
  interaction: 'GetReferralOutcome',
  major: 3,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:actoutcome',
  categorizations: ['und-kon-ure'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['referralOutcome'],
  result: resultWithLogId(NS, 'urn:riv:clinicalprocess:healthcond:actoutcome:3'),
  fanOutBy: 'sourceSystem',
};
