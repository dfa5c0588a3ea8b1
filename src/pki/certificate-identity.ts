/**
 * Who a certificate speaks for. A system's HSA-id is the value of its subject's serialNumber attribute
 * (OID 2.5.4.5), as in a SITHS function certificate, read from the parsed subject. It is never found by
 * searching the subject's text: there a common name such as `x,SERIALNUMBER=NTJP-OPERATOR` reads like a
 * second serialNumber. Every identity taken from a certificate goes through `certificateHsaId`: the hub's
 * sender on both listeners, the operator on the admin HTTPS listener, the callers of the reference systems,
 * a signer of a medical certificate and a certificate uploaded to the catalogue.
 */
import { X509Certificate } from 'node:crypto';

/** The real VP's default `certificate.senderid.subject.pattern`; here matched against `SERIALNUMBER=<value>`. */
export const SENDER_ID_PATTERN = '(?:2\\.5\\.4\\.5|SERIALNUMBER)=([^,]+)';

/** Subject attributes by short name (or dotted OID); a repeated attribute gives an array. */
type SubjectAttributes = Record<string, string | string[] | undefined>;

/**
 * The HSA-id of a certificate, or undefined when its subject has no serialNumber or more than one. `pattern`
 * (group 1, case-insensitive) is applied to `SERIALNUMBER=<value>` made from that one attribute, so it can
 * check or cut the value while no other attribute's text reaches it.
 */
export function certificateHsaId(cert: X509Certificate, pattern: string = SENDER_ID_PATTERN): string | undefined {
  const serial = (cert.toLegacyObject().subject as unknown as SubjectAttributes | undefined)?.serialNumber;
  if (typeof serial !== 'string') return undefined;
  return new RegExp(pattern, 'i').exec(`SERIALNUMBER=${serial}`)?.[1]?.trim() || undefined;
}

/** The HSA-id of a PEM (or bare base64 DER) certificate, or undefined if it has none or does not parse. */
export function hsaIdFromCertificate(pemOrBase64: string, pattern?: string): string | undefined {
  const cert = parseCertificate(pemOrBase64);
  return cert ? certificateHsaId(cert, pattern) : undefined;
}

/** Parses a PEM certificate, or bare base64 DER (as proxies send it), or undefined. */
export function parseCertificate(text: string): X509Certificate | undefined {
  // Traefik-style proxies send the PEM URL-encoded.
  const t = (text.includes('%') ? safeDecode(text) : text).trim();
  try {
    if (t.includes('-----BEGIN CERTIFICATE-----')) return new X509Certificate(t);
    const b64 = t.split(',')[0]!.replace(/\s+/g, '');
    return new X509Certificate(Buffer.from(b64, 'base64'));
  } catch {
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
