import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, createCertificate, toPkcs12, type CertifiedKey, type CertificateUsage } from './certificates.js';
import type { TlsIdentity } from '../shared/soap/client.js';

/** Password of every generated PKCS#12 file (a dev PKI: the password only satisfies tools that need one). */
export const P12_PASSWORD = 'ntjp';
/** File stem of the hub's own certificate: server certificate of the HTTPS listener and client certificate to producers. */
export const HUB_NAME = 'hub';
/** HSA-id of the operator's client certificate `ntjp certs init` issues (default of `platform.operatorHsaIds`). */
export const OPERATOR_HSA_ID = 'NTJP-OPERATOR';
const HSA_ID = /^[0-9A-Za-z_-]+$/;

export interface PkiReport {
  dir: string;
  created: string[];
  kept: string[];
  /** issued again because the file on disk was not signed by the folder's CA (e.g. ca.pem was replaced) */
  reissued: string[];
}

/** Writes through a temporary file and a rename, so a reader (another process using the same folder) never sees half a PEM. */
function write(path: string, content: string | Buffer, mode = 0o644): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}

function readCa(dir: string): CertifiedKey {
  return { certPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'ca.key'), 'utf8') };
}

function ensureCa(dir: string, report: PkiReport): CertifiedKey {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, 'ca.pem')) && existsSync(join(dir, 'ca.key'))) {
    report.kept.push('ca');
    return readCa(dir);
  }
  const ca = createCa();
  write(join(dir, 'ca.pem'), ca.certPem);
  write(join(dir, 'ca.key'), ca.keyPem, 0o600);
  report.created.push('ca');
  return ca;
}

/** Whether the certificate file was signed by this CA; a certificate that cannot be read counts as not. */
function signedBy(certFile: string, ca: CertifiedKey): boolean {
  try {
    const caCert = new X509Certificate(ca.certPem);
    const cert = new X509Certificate(readFileSync(certFile));
    return cert.checkIssued(caCert) && cert.verify(caCert.publicKey);
  } catch {
    return false;
  }
}

/**
 * Keeps an existing identity that chains to the folder's CA; one that does not (left from an earlier CA)
 * would fail every TLS handshake with "unable to verify the first certificate", so it is issued again.
 */
function issueInto(dir: string, name: string, ca: CertifiedKey, report: PkiReport, build: () => CertifiedKey): void {
  const certFile = join(dir, `${name}.pem`);
  const present = existsSync(certFile) && existsSync(join(dir, `${name}.key`));
  if (present && signedBy(certFile, ca)) {
    report.kept.push(name);
    return;
  }
  // Nothing is lost: the files replaced stay beside the new ones as <file>.replaced.
  if (present) for (const ext of ['pem', 'key', 'p12']) if (existsSync(join(dir, `${name}.${ext}`))) renameSync(join(dir, `${name}.${ext}`), join(dir, `${name}.${ext}.replaced`));
  const id = build();
  write(join(dir, `${name}.pem`), id.certPem);
  write(join(dir, `${name}.key`), id.keyPem, 0o600);
  write(join(dir, `${name}.p12`), toPkcs12(id, ca.certPem, P12_PASSWORD, name), 0o600);
  (present ? report.reissued : report.created).push(name);
}

/** A SITHS-like function certificate for a system: subject serialNumber = HSA-id; usable as client and server. */
export function systemCertificate(ca: CertifiedKey, hsaId: string, usage: CertificateUsage = 'both'): CertifiedKey {
  return createCertificate({ commonName: hsaId, hsaId, issuer: ca, usage, serverNames: ['localhost', '127.0.0.1', '::1'] });
}

/**
 * Creates (or keeps) the dev CA, the hub's server certificate (SAN localhost, 127.0.0.1, ::1) and one
 * client certificate per system. Files: ca.pem, ca.key, <name>.pem, <name>.key, <name>.p12. Existing files
 * signed by the CA are kept, so running it twice changes nothing.
 */
export function initDevPki(dir: string, systems: string[] = []): PkiReport {
  const report: PkiReport = { dir, created: [], kept: [], reissued: [] };
  const ca = ensureCa(dir, report);
  issueInto(dir, HUB_NAME, ca, report, () =>
    createCertificate({ commonName: 'ntjp hub', hsaId: 'NTJP-HUB', issuer: ca, usage: 'both', serverNames: ['localhost', '127.0.0.1', '::1'] }),
  );
  for (const hsaId of systems) issueSystem(dir, hsaId, report, ca);
  return report;
}

/** Issues one more system certificate (creating the CA first if needed). */
export function issueSystemCertificate(dir: string, hsaId: string): PkiReport {
  const report: PkiReport = { dir, created: [], kept: [], reissued: [] };
  issueSystem(dir, hsaId, report, ensureCa(dir, report));
  return report;
}

function issueSystem(dir: string, hsaId: string, report: PkiReport, ca: CertifiedKey): void {
  if (!HSA_ID.test(hsaId)) throw new Error(`not a valid HSA-id (letters, digits, '-', '_'): ${JSON.stringify(hsaId)}`);
  issueInto(dir, hsaId, ca, report, () => systemCertificate(ca, hsaId));
}

/** Reads a generated identity for TLS (client or server): its certificate, key and the dev CA. */
export function readIdentity(dir: string, name: string): TlsIdentity {
  return {
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
  };
}

/** The dev CA's certificate and key (to sign test certificates, e.g. XML signatures of certificates). */
export function readDevCa(dir: string): CertifiedKey {
  return readCa(dir);
}
