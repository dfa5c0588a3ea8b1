/** Dev PKI: a test CA and SITHS-like function certificates (HSA-id in the subject serialNumber). */
export { createCa, createCertificate, toPkcs12 } from './certificates.js';
export { certificateHsaId, hsaIdFromCertificate, parseCertificate, SENDER_ID_PATTERN } from './certificate-identity.js';
export type { CertifiedKey, CertificateRequest, CertificateUsage } from './certificates.js';
export { initDevPki, issueSystemCertificate, readIdentity, readDevCa, systemCertificate, HUB_NAME, OPERATOR_HSA_ID, P12_PASSWORD } from './dev-pki.js';
export type { PkiReport } from './dev-pki.js';
