/** Namespaces of `itintegration:engagementindex` 1.0 (shared/spec/engagement-index-and-aggregation.md §1). */
export const EI_NS = {
  core: 'urn:riv:itintegration:engagementindex:1',
  update: 'urn:riv:itintegration:engagementindex:UpdateResponder:1',
  processNotification: 'urn:riv:itintegration:engagementindex:ProcessNotificationResponder:1',
  findContent: 'urn:riv:itintegration:engagementindex:FindContentResponder:1',
} as const;

/** soapAction = `<responder ns>:<Op>` (spec §1). */
export const PROCESS_NOTIFICATION_SOAP_ACTION = `${EI_NS.processNotification}:ProcessNotification`;
