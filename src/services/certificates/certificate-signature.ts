import { X509Certificate } from 'node:crypto';
import { DOMParser, XMLSerializer, type Element as DomElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { certificateHsaId } from '../../pki/index.js';
import { checkXmlLimits, DEFAULT_XML_LIMITS, XmlLimitError, type XmlLimits } from '../../shared/xml/limits.js';
import { CERT_NS } from './certificate-contracts.js';

const ALG = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

export interface Signer {
  certPem: string;
  keyPem: string;
}

/**
 * Signs a standalone `intyg` document (certificate-xml.ts) with an enveloped XML signature over the whole
 * element (Reference URI=""), exclusive canonicalisation so the signature survives being embedded in
 * RegisterCertificate, and puts `ds:Signature` into `m1:underskrift` (certificate 3.2 ext). The signer's
 * certificate goes into KeyInfo for the receiver to check against the CA.
 */
export function signIntyg(intyg: string, signer: Signer): string {
  const sig = new SignedXml({ privateKey: signer.keyPem, publicCert: signer.certPem, signatureAlgorithm: ALG.rsaSha256, canonicalizationAlgorithm: ALG.excC14n });
  sig.addReference({ xpath: '/*', isEmptyUri: true, transforms: [ALG.enveloped, ALG.excC14n], digestAlgorithm: ALG.sha256 });
  sig.computeSignature(intyg, { prefix: 'ds', location: { reference: "/*/*[local-name()='underskrift']", action: 'append' } });
  return sig.getSignedXml();
}

export type SignatureCheck = { valid: true; signerHsaId: string | undefined } | { valid: false; reason: string };

function only(el: DomElement, ns: string, name: string): DomElement | undefined {
  return el.getElementsByTagNameNS(ns, name)[0] as DomElement | undefined;
}

/**
 * Verifies the signature of the `intyg` in a RegisterCertificate message (the raw request bytes, already
 * checked to carry no DOCTYPE by the SOAP parser): the signature must cover the whole `intyg`, its value
 * must match the certificate in KeyInfo, and that certificate must be issued by `caPem` and be valid now.
 * The message is held to the XML limits before xmldom builds its tree.
 */
export function verifyIntygSignature(rawMessage: string, caPem: string, now = new Date(), limits: XmlLimits = DEFAULT_XML_LIMITS): SignatureCheck {
  try {
    checkXmlLimits(rawMessage, limits);
  } catch (e) {
    if (e instanceof XmlLimitError) return { valid: false, reason: e.message };
    throw e;
  }
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(rawMessage, 'text/xml');
  const intyg = doc.documentElement ? only(doc.documentElement as unknown as DomElement, CERT_NS.registerCertificate, 'intyg') : undefined;
  if (!intyg) return { valid: false, reason: 'no intyg element in RegisterCertificate' };
  const underskrift = only(intyg, CERT_NS.ext32, 'underskrift');
  const signature = underskrift ? only(underskrift, CERT_NS.dsig, 'Signature') : undefined;
  if (!signature) return { valid: false, reason: 'the certificate is not signed (no ds:Signature in intyg/underskrift)' };
  const certText = only(signature, CERT_NS.dsig, 'X509Certificate')?.textContent?.replace(/\s+/g, '');
  if (!certText) return { valid: false, reason: 'the signature has no X509Certificate in KeyInfo' };
  let signerCert: X509Certificate;
  try {
    signerCert = new X509Certificate(Buffer.from(certText, 'base64'));
  } catch {
    return { valid: false, reason: 'the signing certificate in KeyInfo does not parse' };
  }
  const ca = new X509Certificate(caPem);
  if (!signerCert.checkIssued(ca) || !signerCert.verify(ca.publicKey)) return { valid: false, reason: `the signing certificate (${signerCert.subject.replace(/\n/g, ', ')}) is not issued by the trusted CA` };
  if (now < new Date(signerCert.validFrom) || now > new Date(signerCert.validTo)) return { valid: false, reason: `the signing certificate is not valid at ${now.toISOString()}` };
  const sig = new SignedXml({ publicCert: signerCert.toString(), getCertFromKeyInfo: () => null });
  try {
    sig.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    const refs = sig.getReferences();
    if (refs.length !== 1 || refs[0]!.uri !== '') return { valid: false, reason: 'the signature must have exactly one reference, to the whole intyg (URI="")' };
    // The signed document is the intyg alone: serialise it out of the message with its namespaces.
    if (!sig.checkSignature(new XMLSerializer().serializeToString(intyg))) return { valid: false, reason: 'the signature does not match the certificate content' };
  } catch (e) {
    return { valid: false, reason: `the signature does not match the certificate content: ${(e as Error).message}` };
  }
  return { valid: true, signerHsaId: certificateHsaId(signerCert) };
}
