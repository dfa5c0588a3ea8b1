import type { AggregatedContract } from './contract.js';
import { II_PATIENT_ID, resultCodeOnly } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:3';

/** GetCareDocumentation 3.0: IIType ids, `hasMore` paging records merged like any list. */
export const getCareDocumentation3: AggregatedContract = {
  interaction: 'GetCareDocumentation',
  major: 3,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:healthcond:description',
  categorizations: ['voo'],
  patientId: II_PATIENT_ID,
  sourceSystem: { element: 'sourceSystemId', part: 'extension' },
  records: ['careDocumentation', 'hasMore'],
  result: resultCodeOnly(NS, 'urn:riv:clinicalprocess:healthcond:description:3'),
  refused: [{ element: 'hasMoreReference', faultText: 'Parametern hasMoreReference skall inte användas i anrop till aggregerande tjänst' }],
  fanOutBy: 'sourceSystem',
};
