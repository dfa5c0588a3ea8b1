import type { AggregatedContract } from './contract.js';
import { getCareDocumentation2 } from './get-care-documentation-2.js';
import { getCareDocumentation3 } from './get-care-documentation-3.js';
import { getDiagnosis2 } from './get-diagnosis-2.js';
import { getAlertInformation2 } from './get-alert-information-2.js';
import { getLaboratoryOrderOutcome3 } from './get-laboratory-order-outcome-3.js';
import { getLaboratoryOrderOutcome4 } from './get-laboratory-order-outcome-4.js';
import { getReferralOutcome3 } from './get-referral-outcome-3.js';
import { getMedicationHistory2 } from './get-medication-history-2.js';
import { getVaccinationHistory2 } from './get-vaccination-history-2.js';
import { getSubjectOfCareSchedule1 } from './get-subject-of-care-schedule-1.js';

export type { AggregatedContract, RequestField } from './contract.js';
export { contractKey } from './contract.js';

/** Every aggregated contract the platform serves (docs/agp.md, "How to add a contract"). */
export const AGGREGATED_CONTRACTS: readonly AggregatedContract[] = [
  getCareDocumentation2,
  getCareDocumentation3,
  getDiagnosis2,
  getAlertInformation2,
  getLaboratoryOrderOutcome3,
  getLaboratoryOrderOutcome4,
  getReferralOutcome3,
  getMedicationHistory2,
  getVaccinationHistory2,
  getSubjectOfCareSchedule1,
];
