/** The certificate domain as Mina intyg and a receiver use it (docs/services.md, "Mina intyg → intygsmottagare"). */
export const CERT_NS = {
  registerCertificate: 'urn:riv:clinicalprocess:healthcond:certificate:RegisterCertificateResponder:3',
  revokeCertificate: 'urn:riv:clinicalprocess:healthcond:certificate:RevokeCertificateResponder:2',
  core: 'urn:riv:clinicalprocess:healthcond:certificate:3',
  types: 'urn:riv:clinicalprocess:healthcond:certificate:types:3',
  /** minor-version extension holding `underskrift` (the XML signature) */
  ext32: 'urn:riv:clinicalprocess:healthcond:certificate:3.2',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const RECEIVER_CONTRACTS: readonly string[] = [CERT_NS.registerCertificate, CERT_NS.revokeCertificate];

export const OID = {
  personnummer: '1.2.752.129.2.1.3.1',
  samordningsnummer: '1.2.752.129.2.1.3.3',
  hsaId: '1.2.752.129.2.1.4.1',
  arbetsplatskod: '1.2.752.29.4.71',
} as const;

/** ResultType of the domain: a receipt. errorId only with ERROR. */
export type ResultCode = 'OK' | 'INFO' | 'ERROR';
export type ErrorId = 'VALIDATION_ERROR' | 'APPLICATION_ERROR' | 'TECHNICAL_ERROR' | 'REVOKED';

export interface Receipt {
  resultCode: ResultCode;
  resultText?: string;
  errorId?: ErrorId;
}
