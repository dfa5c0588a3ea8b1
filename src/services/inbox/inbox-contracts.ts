/**
 * Contracts of the reference inbox (1177 inkorg). The 1.0 contracts are the official ones.
 * AddMessage 2 and GetMessageThreadStatus 2 are **emulated**: the official
 * 2.0 schemas are not available, so this project defines its own under the `urn:riv-emulated:` prefix
 * (wsdl/patientportal-emulated/, docs/services.md) and never claims they match Inera's.
 */
export const INBOX_NS = {
  addMessageToPatientPortalInbox: 'urn:riv:infrastructure:eservicesupply:patientportal:AddMessageToPatientPortalInboxResponder:1',
  isActiveUser: 'urn:riv:infrastructure:eservicesupply:patientportal:IsActiveUserResponder:1',
  addMessage: 'urn:riv-emulated:infrastructure:eservicesupply:patientportal:AddMessageResponder:2',
  getMessageThreadStatus: 'urn:riv-emulated:infrastructure:eservicesupply:patientportal:GetMessageThreadStatusResponder:2',
} as const;

/** Every contract the inbox produces. */
export const INBOX_CONTRACTS: readonly string[] = [
  INBOX_NS.addMessageToPatientPortalInbox,
  INBOX_NS.isActiveUser,
  INBOX_NS.addMessage,
  INBOX_NS.getMessageThreadStatus,
];

/** Purpose of a message (the service terms: "syfte/typ"); emulated code list, see docs/services.md. */
export const MESSAGE_PURPOSES = ['INFORMATION', 'APPOINTMENT', 'RESULT', 'REMINDER', 'QUESTIONNAIRE', 'OTHER'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** Notification methods of patientportal 1.0 (`NotificationMethodType`). */
export const NOTIFICATION_METHODS = ['SMS', 'Email', 'Other'] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];

/**
 * Personnummer / samordningsnummer as the patientportal schema means it (its `^…$` is a schema defect;
 * docs/contracts.md, "Schema overlay").
 */
export const SUBJECT_OF_CARE_ID = /^[0-9]{8}[0-9pPtTfF][0-9]{3}$/;
