import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import forge from 'node-forge';
import { initDevPki, issueSystemCertificate, hsaIdFromCertificate, P12_PASSWORD } from '../../src/pki/index.js';

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;

describe('dev PKI', function () {
  this.timeout(30000);
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-pki-'));
  /** folders a test made besides `dir`, removed with it */
  const others: string[] = [];
  after(() => [dir, ...others].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('creates a CA, the hub certificate and system certificates with the HSA-id as subject serialNumber', () => {
    const report = initDevPki(dir, ['SE2321000016-A1B2']);
    expect(report.created).to.deep.equal(['ca', 'hub', 'SE2321000016-A1B2']);
    const cert = new X509Certificate(readFileSync(join(dir, 'SE2321000016-A1B2.pem')));
    expect(cert.subject).to.include('serialNumber=SE2321000016-A1B2');
    expect(cert.verify(new X509Certificate(readFileSync(join(dir, 'ca.pem'))).publicKey)).to.equal(true);
    expect(hsaIdFromCertificate(readFileSync(join(dir, 'SE2321000016-A1B2.pem'), 'utf8'))).to.equal('SE2321000016-A1B2');
  });

  it('gives the hub a server certificate for localhost, 127.0.0.1 and ::1', () => {
    const hub = new X509Certificate(readFileSync(join(dir, 'hub.pem')));
    expect(hub.subjectAltName).to.include('DNS:localhost').and.include('IP Address:127.0.0.1').and.include('IP Address:0:0:0:0:0:0:0:1');
    expect(hub.checkHost('localhost')).to.equal('localhost');
  });

  it('keeps what exists when run twice', () => {
    const before = statSync(join(dir, 'ca.pem')).mtimeMs;
    const report = initDevPki(dir, ['SE2321000016-A1B2']);
    expect(report.created).to.deep.equal([]);
    expect(report.kept).to.deep.equal(['ca', 'hub', 'SE2321000016-A1B2']);
    expect(statSync(join(dir, 'ca.pem')).mtimeMs).to.equal(before);
  });

  it('issues again, keeping the old files aside, a certificate that does not chain to the CA (ca.pem replaced)', () => {
    const other = mkdtempSync(join(tmpdir(), 'ntjp-pki-'));
    others.push(other);
    initDevPki(other, ['SE2321000016-OLD1']);
    const oldCert = readFileSync(join(other, 'SE2321000016-OLD1.pem'), 'utf8');
    for (const f of ['ca.pem', 'ca.key']) rmSync(join(other, f));
    const report = initDevPki(other, ['SE2321000016-OLD1']);
    expect(report.created).to.deep.equal(['ca']);
    expect(report.reissued).to.deep.equal(['hub', 'SE2321000016-OLD1']);
    const ca = new X509Certificate(readFileSync(join(other, 'ca.pem')));
    expect(new X509Certificate(readFileSync(join(other, 'SE2321000016-OLD1.pem'))).verify(ca.publicKey)).to.equal(true);
    expect(readFileSync(join(other, 'SE2321000016-OLD1.pem.replaced'), 'utf8')).to.equal(oldCert);
    expect(initDevPki(other, ['SE2321000016-OLD1']).kept).to.deep.equal(['ca', 'hub', 'SE2321000016-OLD1']);
    rmSync(other, { recursive: true, force: true });
  });

  it('writes a PKCS#12 that opens with the documented password and holds key, certificate and CA', () => {
    issueSystemCertificate(dir, 'SE2321000016-C3D4');
    const der = readFileSync(join(dir, 'SE2321000016-C3D4.p12'));
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), P12_PASSWORD);
    const certs = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]!;
    const keys = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]!;
    expect(certs).to.have.length(2);
    expect(keys).to.have.length(1);
  });

  it('refuses an HSA-id with characters outside letters, digits, - and _', () => {
    expect(() => issueSystemCertificate(dir, '../evil')).to.throw(/not a valid HSA-id/);
  });

  it('reads bare base64 and URL-encoded certificates like the real VP', () => {
    const pem = readFileSync(join(dir, 'SE2321000016-C3D4.pem'), 'utf8');
    const bare = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(hsaIdFromCertificate(bare)).to.equal('SE2321000016-C3D4');
    expect(hsaIdFromCertificate(encodeURIComponent(pem))).to.equal('SE2321000016-C3D4');
  });

  it('is driven from the CLI: ntjp certs init (with the operator certificate) and ntjp certs issue', () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'ntjp-pki-cli-'));
    others.push(cliDir);
    execFileSync(process.execPath, ['--import', 'tsx', CLI, 'certs', 'init', '--dir', cliDir]);
    const out = execFileSync(process.execPath, ['--import', 'tsx', CLI, 'certs', 'issue', '--hsa-id', 'SE5565594230-X', '--dir', cliDir, '--format', 'table'], { encoding: 'utf8' });
    expect(out).to.match(/created .*SE5565594230-X\.pem/);
    expect(readdirSync(cliDir).sort()).to.deep.equal(['NTJP-OPERATOR.key', 'NTJP-OPERATOR.p12', 'NTJP-OPERATOR.pem', 'SE5565594230-X.key', 'SE5565594230-X.p12', 'SE5565594230-X.pem', 'ca.key', 'ca.pem', 'hub.key', 'hub.p12', 'hub.pem']);
  });
});
