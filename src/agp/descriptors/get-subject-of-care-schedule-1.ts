import type { AggregatedContract } from './contract.js';

/**
 * GetSubjectOfCareSchedule 1 (1177 tidbokning): no categorization since NTP-1745, one call per engagement
 * logical address with `healthcare_facility` and `subject_of_care` rewritten; skltp/agp's helm chart gives it 15 s.
 */
export const getSubjectOfCareSchedule1: AggregatedContract = {
  interaction: 'GetSubjectOfCareSchedule',
  major: 1,
  namespace: 'urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1',
  serviceDomain: 'riv:crm:scheduling',
  categorizations: [],
  patientId: { element: 'subject_of_care' },
  records: ['timeslotDetail'],
  fanOutBy: 'logicalAddress',
  rewrites: [
    { element: 'healthcare_facility', value: 'logicalAddress' },
    { element: 'subject_of_care', value: 'patientId' },
  ],
  producerTimeoutMs: 15_000,
};
