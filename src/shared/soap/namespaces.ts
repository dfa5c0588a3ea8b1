/** Namespaces the platform speaks. */
export const NS = {
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  /** RIV-TA BP 2.1 LogicalAddress header */
  registry1: 'urn:riv:itintegration:registry:1',
  /** RIV-TA BP 2.0 `To` header (WS-Addressing) */
  wsa: 'http://www.w3.org/2005/08/addressing',
  /** AgP ProcessingStatus and the scheduling Actor header */
  interopHeaders: 'urn:riv:interoperability:headers:1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** HTTP headers of the platform. */
export const HEADER = {
  correlationId: 'x-skltp-correlation-id',
  senderId: 'x-vp-sender-id',
  instanceId: 'x-vp-instance-id',
  authCert: 'x-vp-auth-cert',
  originalConsumer: 'x-rivta-original-serviceconsumer-hsaid',
  routingHistory: 'x-rivta-routing-history',
  actingOnBehalfOf: 'x-rivta-acting-on-behalf-of-hsaid',
  producerRoundTrip: 'x-skltp-prt',
  forwardedFor: 'x-forwarded-for',
} as const;

export const SOAP_CONTENT_TYPE = 'text/xml; charset=UTF-8';
