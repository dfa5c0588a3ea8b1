/** Namespaces of `itintegration:engagementindex` 1.0 (docs/ei.md, "Services"). */
export const EI_NS = {
  core: 'urn:riv:itintegration:engagementindex:1',
  update: 'urn:riv:itintegration:engagementindex:UpdateResponder:1',
  processNotification: 'urn:riv:itintegration:engagementindex:ProcessNotificationResponder:1',
  findContent: 'urn:riv:itintegration:engagementindex:FindContentResponder:1',
} as const;

/** soapAction = `<responder ns>:<Op>`, as the contract's WSDL declares it. */
export const PROCESS_NOTIFICATION_SOAP_ACTION = `${EI_NS.processNotification}:ProcessNotification`;
