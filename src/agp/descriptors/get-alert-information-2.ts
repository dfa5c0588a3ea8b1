import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:description:GetAlertInformationResponder:2';

/** GetAlertInformation 2 (spec riv-contracts.md §3, engagement-index-and-aggregation.md §5). */
export const getAlertInformation2: AggregatedContract = {
  interaction: 'GetAlertInformation',
  major: 2,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['upp'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['alertInformation'],
  result: resultWithLogId(NS, 'urn:riv:clinicalprocess:healthcond:description:2'),
  fanOutBy: 'sourceSystem',
};
