import type { SettingsGroup } from '../config/settings.js';

/** Engagement index settings; names follow skltp/ei's properties where one exists. */
export const eiSettings: SettingsGroup = [
  { key: 'ei.hsaId', type: 'string', default: '', doc: "The EI's own HSA-id (ei.hsa.id): Update's LogicalAddress (R7) and the owner it stamps (R6); empty = platform.hsaId." },
  { key: 'ei.alternativeHsaId', type: 'string', default: '', doc: 'A second LogicalAddress accepted on Update (ei.alternative.hsa.id); empty = none.' },
  { key: 'ei.notAllowedHsaIds', type: 'list', default: [], doc: 'HSA-ids refused as logicalAddress (EI005) or sourceSystem (EI006) (update-notification.not.allowed.hsaid.list); empty = ei.hsaId and platform.hsaId.' },
  { key: 'ei.faultOnValidationError', type: 'bool', default: true, doc: 'Answer a validation error with a SOAP fault, HTTP 500 (current EI); false = ResultCode ERROR + comment, HTTP 200 (the older Mule EI).' },
  { key: 'ei.notificationTimeoutMs', type: 'int', default: 10000, doc: 'A subscriber that has not answered a ProcessNotification within this time counts as failed.' },
  { key: 'ei.notificationMaxRedeliveries', type: 'int', default: 5, doc: 'Retries after the first failed delivery before the message goes to the dead letters (maximumRedeliveries).' },
  { key: 'ei.notificationRedeliveryDelayMs', type: 'int', default: 1000, doc: 'Delay before the first retry (redelivery-delay).' },
  { key: 'ei.notificationBackoffMultiplier', type: 'int', default: 3, doc: 'Each further retry waits this many times longer (exponential backoff).' },
  { key: 'ei.notificationMaxRedeliveryDelayMs', type: 'int', default: 600000, doc: 'Longest wait between retries.' },
  {
    key: 'ei.notificationLeaseMs',
    type: 'int',
    default: 30000,
    doc: 'How long the instance sending a notification holds it: another instance on the same database sends it only after the lease expires (the sender died). At least ei.notificationTimeoutMs + 5000 (a shorter value is raised to that), so a lease outlasts a delivery attempt and the recording of its outcome.',
  },
];
