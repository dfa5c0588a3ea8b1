import { expect } from 'chai';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { createCertificate, initDevPki, issueSystemCertificate, OPERATOR_HSA_ID, readDevCa, type CertifiedKey } from '../../src/pki/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from '../vp/catalogue-fixtures.js';
import { skipWithReason } from '../support/skip-with-reason.js';

const run = promisify(execFile);
const SYSTEM = 'SE2321000016-STRK';

/** Whether a command runs here (`openssl version`, `python3 --version`). */
const available = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;

/** Skips the running test with its reason in the title and on stderr. */
function skipBecause(ctx: Mocha.Context, reason: string): void {
  process.stderr.write(`\n  note: ${reason}\n`);
  skipWithReason(ctx, reason);
}

/** `openssl verify -x509_strict` of one certificate against the folder's CA; its output line. */
function strictVerify(dir: string, file: string, purpose?: 'sslclient' | 'sslserver'): string {
  const args = ['verify', '-x509_strict', ...(purpose ? ['-purpose', purpose] : []), '-CAfile', join(dir, 'ca.pem'), join(dir, file)];
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
}

/** A certificate as the dev PKI issued them before it added the Authority Key Identifier. */
function withoutAuthorityKeyIdentifier(id: CertifiedKey, ca: CertifiedKey): CertifiedKey {
  const cert = forge.pki.certificateFromPem(id.certPem);
  cert.setExtensions(cert.extensions.filter((e: { name: string }) => e.name !== 'authorityKeyIdentifier'));
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: id.keyPem };
}

/**
 * A TLS client that verifies strictly: Python's default context (hostname checked) with VERIFY_X509_STRICT
 * added, as Python 3.13 sets by default, and a client certificate. POSTs stdin; prints the status and body,
 * or `refused: <reason>` when verification fails.
 */
const STRICT_CLIENT = `
import http.client, ssl, sys
port, ca, cert, key = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=ca)
ctx.verify_flags |= ssl.VERIFY_X509_STRICT
ctx.load_cert_chain(cert, key)
conn = http.client.HTTPSConnection('127.0.0.1', int(port), context=ctx, timeout=20)
try:
    conn.request('POST', '/vp', sys.stdin.buffer.read(), {'Content-Type': 'text/xml; charset=UTF-8'})
except ssl.SSLCertVerificationError as e:
    print('refused: ' + e.verify_message)
    sys.exit(0)
r = conn.getresponse()
print(r.status)
print(r.read().decode('utf-8'))
`;

async function strictClientCall(port: number, certsDir: string, identity: string, body: string): Promise<string> {
  const child = run('python3', ['-c', STRICT_CLIENT, String(port), join(certsDir, 'ca.pem'), join(certsDir, `${identity}.pem`), join(certsDir, `${identity}.key`)], { timeout: 30000 });
  child.child.stdin!.end(body);
  return (await child).stdout.trim();
}

describe('dev PKI certificates pass strict X.509 verification (OpenSSL -x509_strict, Python strict TLS)', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-strict-pki-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(() => {
    initDevPki(dir, [OPERATOR_HSA_ID]);
    issueSystemCertificate(dir, SYSTEM);
  });

  it('issues a CA, hub, operator and system certificate that each pass openssl verify -x509_strict for their purposes', function () {
    if (!available('openssl', 'version')) return skipBecause(this, 'the openssl command is not installed');
    expect(strictVerify(dir, 'ca.pem')).to.equal(`${join(dir, 'ca.pem')}: OK`);
    for (const [file, purposes] of [
      ['hub.pem', ['sslserver', 'sslclient']],
      [`${OPERATOR_HSA_ID}.pem`, ['sslclient']],
      [`${SYSTEM}.pem`, ['sslclient', 'sslserver']],
    ] as const) {
      for (const purpose of purposes) expect(strictVerify(dir, file, purpose), `${file} as ${purpose}`).to.equal(`${join(dir, file)}: OK`);
    }
  });

  it('gives the CA a critical basicConstraints, key usage for signing certificates and a key identifier its certificates name; the operator is a client only', function () {
    if (!available('openssl', 'version')) return skipBecause(this, 'the openssl command is not installed');
    const ext = (file: string): string =>
      spawnSync('openssl', ['x509', '-in', join(dir, file), '-noout', '-ext', 'basicConstraints,keyUsage,extendedKeyUsage,subjectKeyIdentifier,authorityKeyIdentifier'], { encoding: 'utf8' }).stdout;
    const ca = ext('ca.pem');
    expect(ca).to.match(/Basic Constraints: critical\n\s+CA:TRUE/).and.match(/Key Usage: critical\n\s+Certificate Sign, CRL Sign/);
    const caKeyId = /Subject Key Identifier: \n\s+(\S+)/.exec(ca)![1];
    const hub = ext('hub.pem');
    expect(/Authority Key Identifier: \n\s+(\S+)/.exec(hub)![1]).to.equal(caKeyId);
    expect(hub).to.match(/Extended Key Usage: \n\s+TLS Web Server Authentication, TLS Web Client Authentication/);
    const operator = ext(`${OPERATOR_HSA_ID}.pem`);
    expect(operator).to.match(/Authority Key Identifier: \n\s+\S+/).and.match(/Extended Key Usage: \n\s+TLS Web Client Authentication\n/);
    expect(strictVerify(dir, `${OPERATOR_HSA_ID}.pem`, 'sslserver')).to.include('unsuitable certificate purpose');
  });

  it('issues again, keeping the old files aside, certificates from an older dev PKI without an Authority Key Identifier; the CA is kept', function () {
    const old = mkdtempSync(join(tmpdir(), 'ntjp-strict-pki-old-'));
    try {
      initDevPki(old, [SYSTEM]);
      const ca = readDevCa(old);
      const legacy: Record<string, string> = {};
      for (const name of ['hub', SYSTEM]) {
        const current = { certPem: readFileSync(join(old, `${name}.pem`), 'utf8'), keyPem: readFileSync(join(old, `${name}.key`), 'utf8') };
        legacy[name] = withoutAuthorityKeyIdentifier(current, ca).certPem;
        writeFileSync(join(old, `${name}.pem`), legacy[name]!);
      }
      const report = initDevPki(old, [SYSTEM]);
      expect(report).to.deep.include({ created: [], kept: ['ca'], reissued: ['hub', SYSTEM] });
      for (const name of ['hub', SYSTEM]) expect(readFileSync(join(old, `${name}.pem.replaced`), 'utf8')).to.equal(legacy[name]);
      expect(initDevPki(old, [SYSTEM]).kept).to.deep.equal(['ca', 'hub', SYSTEM]);
      if (!available('openssl', 'version')) return skipBecause(this, 'the openssl command is not installed (the re-issue itself was checked)');
      expect(strictVerify(old, `${SYSTEM}.pem`, 'sslclient')).to.equal(`${join(old, `${SYSTEM}.pem`)}: OK`);
      expect(strictVerify(old, `${SYSTEM}.pem.replaced`)).to.include('Missing Authority Key Identifier');
      // Copies of the old certificates elsewhere still chain to the kept CA for non-strict verifiers.
      expect(spawnSync('openssl', ['verify', '-CAfile', join(old, 'ca.pem'), join(old, `${SYSTEM}.pem.replaced`)], { encoding: 'utf8' }).stdout.trim()).to.equal(`${join(old, `${SYSTEM}.pem.replaced`)}: OK`);
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });

  describe('a strict Python TLS client with a client certificate', () => {
    let p: TestPlatform;
    let producer: TestProducer;
    let legacyServer: Server | undefined;

    before(async () => {
      producer = await startProducer(() => ({ body: rivAnswer(undefined, '<ok>strict</ok>') }));
      p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]) });
      p.identity(HSA.consumer);
    });
    after(async () => {
      await p.close();
      await producer.close();
      await new Promise<void>((resolve) => (legacyServer ? legacyServer.close(() => resolve()) : resolve()));
    });

    it('calls the hub over mutual TLS and gets the producer answer', async function () {
      if (!available('python3', '--version')) return skipBecause(this, 'python3 is not installed');
      const port = Number(new URL(p.hubHttpsUrl).port);
      const out = await strictClientCall(port, p.certsDir, HSA.consumer, rivCall(HSA.careUnit));
      expect(out.split('\n')[0]).to.equal('200');
      expect(out).to.include('<ok>strict</ok>');
    });

    it('is refused by a server whose certificate lacks the Authority Key Identifier (the check bites)', async function () {
      if (!available('python3', '--version')) return skipBecause(this, 'python3 is not installed');
      const ca = readDevCa(p.certsDir);
      const legacy = withoutAuthorityKeyIdentifier(createCertificate({ commonName: 'old hub', issuer: ca, usage: 'server', serverNames: ['127.0.0.1'] }), ca);
      legacyServer = createServer({ cert: legacy.certPem, key: legacy.keyPem }, (_req, res) => res.end('reached'));
      await new Promise<void>((resolve) => legacyServer!.listen(0, '127.0.0.1', resolve));
      const out = await strictClientCall((legacyServer.address() as AddressInfo).port, p.certsDir, HSA.consumer, 'x');
      expect(out).to.equal('refused: Missing Authority Key Identifier');
    });
  });
});
