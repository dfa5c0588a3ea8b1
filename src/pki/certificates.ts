import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A certificate with its private key, both PEM. */
export interface CertifiedKey {
  certPem: string;
  keyPem: string;
}

export type CertificateUsage = 'client' | 'server' | 'both';

export interface CertificateRequest {
  commonName: string;
  /** put in the subject as serialNumber (OID 2.5.4.5), like a SITHS function certificate */
  hsaId?: string;
  /** further subject attributes after it, by OID (tests of unusual subjects) */
  extraSubject?: { type: string; value: string }[];
  organization?: string;
  /** the signing CA; 'self' makes a self-signed certificate (tests of certificates no CA vouches for) */
  issuer: CertifiedKey | 'self';
  usage: CertificateUsage;
  /** DNS names and IP addresses for the subjectAltName of a server certificate */
  serverNames?: string[];
  validFrom?: Date;
  validTo?: Date;
}

const DAY_MS = 24 * 3600 * 1000;
const DEFAULT_VALIDITY_DAYS = 3650;

/** Keys come from Node's native generator: node-forge's pure-JS RSA takes seconds per key. */
function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  return {
    keyPem,
    privateKey: forge.pki.privateKeyFromPem(keyPem),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string) as forge.pki.rsa.PublicKey,
  };
}

function baseCertificate(publicKey: forge.pki.PublicKey, from: Date | undefined, to: Date | undefined): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // 16 random bytes, top bit clear and first byte non-zero: a positive, minimally encoded DER integer.
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) || 0x01;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = from ?? new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = to ?? new Date(Date.now() + DEFAULT_VALIDITY_DAYS * DAY_MS);
  return cert;
}

/** A self-signed test CA. */
export function createCa(commonName = 'NTJP Emulator Dev CA', validFrom?: Date, validTo?: Date): CertifiedKey {
  const keys = newKeyPair();
  const cert = baseCertificate(keys.publicKey, validFrom, validTo);
  const subject = [
    { name: 'countryName', value: 'SE' },
    { name: 'organizationName', value: 'ntjp-emulator' },
    { name: 'commonName', value: commonName },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    // Self-signed: its own key identifier (optional for a root, but what OpenSSL's own CAs carry).
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
}

/** The issuer's key identifier (its SKI; computed from its key if it has none), as the AKI of what it signs. */
function issuerKeyIdentifier(issuer: forge.pki.Certificate): string {
  const ski = issuer.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  return ski?.subjectKeyIdentifier ? forge.util.hexToBytes(ski.subjectKeyIdentifier) : issuer.generateSubjectKeyIdentifier().getBytes();
}

/**
 * Whether a certificate carries the key identifiers strict verifiers require (OpenSSL's `-x509_strict`,
 * Python 3.13's default context: "Missing Authority Key Identifier"). Earlier versions of the dev PKI
 * issued certificates without an AKI. A certificate node-forge cannot read (not RSA) was not made here:
 * it is not judged.
 */
export function hasKeyIdentifiers(certPem: string): boolean {
  let cert: forge.pki.Certificate;
  try {
    cert = forge.pki.certificateFromPem(certPem);
  } catch {
    return true;
  }
  return cert.getExtension('authorityKeyIdentifier') !== null && cert.getExtension('subjectKeyIdentifier') !== null;
}

function altName(name: string): { type: number; value?: string; ip?: string } {
  return /^[0-9.]+$/.test(name) || name.includes(':') ? { type: 7, ip: name } : { type: 2, value: name };
}

/** A certificate signed by `issuer` (or itself); client certificates carry the HSA-id as subject serialNumber. */
export function createCertificate(req: CertificateRequest): CertifiedKey {
  const keys = newKeyPair();
  const cert = baseCertificate(keys.publicKey, req.validFrom, req.validTo);
  const issuerCert = req.issuer === 'self' ? cert : forge.pki.certificateFromPem(req.issuer.certPem);
  const subject: forge.pki.CertificateField[] = [
    { name: 'countryName', value: 'SE' },
    { name: 'organizationName', value: req.organization ?? 'ntjp-emulator' },
    { name: 'commonName', value: req.commonName },
  ];
  if (req.hsaId) subject.push({ type: '2.5.4.5', value: req.hsaId });
  subject.push(...(req.extraSubject ?? []));
  cert.setSubject(subject);
  cert.setIssuer(req.issuer === 'self' ? subject : issuerCert.subject.attributes);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: req.usage !== 'client', clientAuth: req.usage !== 'server' },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyIdentifier(issuerCert) },
  ];
  if (req.serverNames && req.serverNames.length > 0) extensions.push({ name: 'subjectAltName', altNames: req.serverNames.map(altName) });
  cert.setExtensions(extensions);
  cert.sign(req.issuer === 'self' ? keys.privateKey : forge.pki.privateKeyFromPem(req.issuer.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
}

/** PKCS#12 (3DES, SHA-1 MAC: what Java keytool, curl and browsers all import) with the CA in the chain. */
export function toPkcs12(identity: CertifiedKey, caPem: string, password: string, friendlyName?: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(identity.keyPem),
    [forge.pki.certificateFromPem(identity.certPem), forge.pki.certificateFromPem(caPem)],
    password,
    { algorithm: '3des', friendlyName },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
