import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, createCertificate, hasKeyIdentifiers, toPkcs12, type CertifiedKey, type CertificateUsage } from './certificates.js';
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
  /**
   * issued again because the file on disk was not signed by the folder's CA (e.g. ca.pem was replaced), or
   * lacked the key identifiers strict TLS clients require (issued by an older version of the dev PKI)
   */
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

/**
 * Whether the certificate file was signed by this CA and carries the key identifiers strict verifiers
 * require; a certificate that cannot be read counts as not.
 */
function fits(certFile: string, ca: CertifiedKey): boolean {
  try {
    const caCert = new X509Certificate(ca.certPem);
    const pem = readFileSync(certFile, 'utf8');
    const cert = new X509Certificate(pem);
    return cert.checkIssued(caCert) && cert.verify(caCert.publicKey) && hasKeyIdentifiers(pem);
  } catch {
    return false;
  }
}

/**
 * Keeps an existing identity that chains to the folder's CA and has the key identifiers; one that does not
 * is issued again. One left from an earlier CA would fail every TLS handshake with "unable to verify the
 * first certificate"; one from an older dev PKI without an Authority Key Identifier fails strict clients
 * (OpenSSL's `-x509_strict`, Python 3.13). The CA itself is kept: a self-signed root needs no AKI, so
 * copies of the old certificates elsewhere still chain to it.
 */
function issueInto(dir: string, name: string, ca: CertifiedKey, report: PkiReport, build: () => CertifiedKey): void {
  const certFile = join(dir, `${name}.pem`);
  const present = existsSync(certFile) && existsSync(join(dir, `${name}.key`));
  if (present && fits(certFile, ca)) {
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

/** Names a server certificate of the dev PKI is valid for. */
const LOCAL_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * A SITHS-like function certificate for a system: subject serialNumber = HSA-id; by default usable as client
 * and server (a system both calls and answers), with the local names for the server role.
 */
export function systemCertificate(ca: CertifiedKey, hsaId: string, usage: CertificateUsage = 'both'): CertifiedKey {
  return createCertificate({ commonName: hsaId, hsaId, issuer: ca, usage, serverNames: usage === 'client' ? undefined : LOCAL_NAMES });
}

/** Identities with a narrower role than a system's: the operator only signs in as a client. */
const USAGE_BY_HSA_ID: Readonly<Record<string, CertificateUsage>> = { [OPERATOR_HSA_ID]: 'client' };

/**
 * Creates (or keeps) the dev CA, the hub's server certificate (SAN localhost, 127.0.0.1, ::1) and one
 * client certificate per system. Files: ca.pem, ca.key, <name>.pem, <name>.key, <name>.p12. Existing files
 * signed by the CA are kept, so running it twice changes nothing.
 */
export function initDevPki(dir: string, systems: string[] = []): PkiReport {
  const report: PkiReport = { dir, created: [], kept: [], reissued: [] };
  const ca = ensureCa(dir, report);
  issueInto(dir, HUB_NAME, ca, report, () =>
    createCertificate({ commonName: 'ntjp hub', hsaId: 'NTJP-HUB', issuer: ca, usage: 'both', serverNames: LOCAL_NAMES }),
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
  issueInto(dir, hsaId, ca, report, () => systemCertificate(ca, hsaId, USAGE_BY_HSA_ID[hsaId]));
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
