/**
 * Senders from client certificates, each distinct certificate text parsed once: its subject (for fault
 * details), its HSA-id (`certificateHsaId` with `vp.senderIdPattern`), whether one of the trusted CAs issued
 * it and its validity period. The TLS handshake has already checked a certificate on the HTTPS listener;
 * the sender-identity step checks one from the HTTP listener's cert header with what is kept here.
 */
import { X509Certificate } from 'node:crypto';
import { certificateHsaId, parseCertificate } from '../pki/index.js';

export interface CertificateSender {
  /** the subject as text; undefined when the text is not a certificate */
  subject?: string;
  sender?: string;
  /** issued and signed by one of the trusted CAs */
  trustedIssuer: boolean;
  validFromMs: number;
  validToMs: number;
}

/** Certificates parsed for their sender are kept; a bound keeps a flood of distinct ones from growing it. */
const SENDER_CACHE_MAX = 1000;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

const NOT_A_CERTIFICATE: CertificateSender = { trustedIssuer: false, validFromMs: NaN, validToMs: NaN };

/** Every certificate in PEM texts (a trusted-CA file may hold a bundle). */
export function certificatesIn(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap((pem) => pem.match(PEM_CERTIFICATE) ?? []).map((c) => new X509Certificate(c));
}

function issuedByOneOf(cert: X509Certificate, cas: readonly X509Certificate[]): boolean {
  return cas.some((ca) => ca.ca && cert.checkIssued(ca) && cert.verify(ca.publicKey));
}

function readSender(certText: string, pattern: string, trustedCas: readonly X509Certificate[]): CertificateSender {
  const cert = parseCertificate(certText);
  if (!cert) return NOT_A_CERTIFICATE;
  return {
    subject: cert.subject,
    sender: certificateHsaId(cert, pattern),
    trustedIssuer: issuedByOneOf(cert, trustedCas),
    validFromMs: Date.parse(cert.validFrom),
    validToMs: Date.parse(cert.validTo),
  };
}

/** The sender of a certificate (PEM, URL-encoded PEM or bare base64 DER), cached per distinct text. */
export function certificateSenders(pattern: string, trustedCas: readonly X509Certificate[]): (certText: string) => CertificateSender {
  const cache = new Map<string, CertificateSender>();
  return (certText) => {
    let found = cache.get(certText);
    if (!found) {
      found = readSender(certText, pattern, trustedCas);
      if (cache.size >= SENDER_CACHE_MAX) cache.clear();
      cache.set(certText, found);
    }
    return found;
  };
}
