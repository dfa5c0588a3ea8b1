import type { AggregatedContract } from './contract.js';
import { PERSON_ID } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:description:GetAlertInformationResponder:2';

/** GetAlertInformation 2: the real aggregator only concatenates the records, its answer has no result (docs/agp.md). */
export const getAlertInformation2: AggregatedContract = {
  interaction: 'GetAlertInformation',
  major: 2,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['upp'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['alertInformation'],
  fanOutBy: 'sourceSystem',
};
