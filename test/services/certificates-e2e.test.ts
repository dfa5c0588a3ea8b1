import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { referenceDir, validatePayloadXml } from '../support/riv-reference.js';
import { certificateReceiverSystem } from '../../src/services/certificates/receiver-system.js';
import { minaIntygSystem } from '../../src/services/certificates/mina-intyg-system.js';
import { CERT_NS, RECEIVER_CONTRACTS } from '../../src/services/certificates/certificate-contracts.js';
import { intygXml, registerCertificateXml } from '../../src/services/certificates/certificate-xml.js';
import { signIntyg, verifyIntygSignature } from '../../src/services/certificates/certificate-signature.js';
import { demoCertificate } from '../../src/services/certificates/demo-certificate.js';
import { TEST_PERSONS } from '../../src/services/test-persons.js';
import type { RunningReferenceSystem, ReferenceSystemEnv } from '../../src/services/reference-system.js';
import { silentLogger } from '../../src/shared/log.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { callThroughHub, createAgent, type SoapAnswer } from '../../src/shared/soap/client.js';
import { readIdentity, issueSystemCertificate, createCa, createCertificate } from '../../src/pki/index.js';
import { child, childText } from '../../src/shared/xml/tree.js';
import { routeOrder } from './support/route-order.js';
import { tlsClient, type TlsClient } from './support/tls-client.js';
import { PortalClient, runPortalVerb } from '../../src/services/citizen/portal-client.js';
import { portalRoutes } from '../../src/services/citizen/portal-router.js';
import { mountApi } from '../../src/platform/api/mount-api.js';
import { mismatch } from '../../src/platform/api/request-check.js';
import { PORTAL_SCHEMAS } from '../../src/services/citizen/api-schemas.js';
import express from 'express';
import { createServer } from 'node:http';
import { listen, closeServer } from '../../src/shared/listen.js';
import { request } from 'undici';

const RECEIVER = 'SE2021006462-TS01';
const MINA_INTYG = 'SE5565594230-MI01';
const PORTAL = 'SE2321000016-1177';
const TOLVAN = TEST_PERSONS[0]!;

describe('Mina intyg → receiver through the hub over mutual TLS (RegisterCertificate 3, RevokeCertificate 2)', function () {
  let tp: TestPlatform;
  let dataDir: string;
  let receiver: RunningReferenceSystem;
  let minaIntyg: RunningReferenceSystem;
  let citizen: TlsClient;
  const exchanges: Array<{ request: string; answer: SoapAnswer }> = [];

  before(async function () {
    tp = await startTestPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-certs-e2e-'));
    const env: ReferenceSystemEnv = {
      host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', certsDir: tp.certsDir, dataDir,
      hubHttpsUrl: tp.hubHttpsUrl, platformHsaId: '5565594230', demoData: true, log: silentLogger,
    };
    receiver = await certificateReceiverSystem({ name: 'receiver', hsaId: RECEIVER, description: 'test receiver', careUnits: [{ hsaId: RECEIVER, name: 'Mottagare' }] }).start(env);
    minaIntyg = await minaIntygSystem({
      name: 'mina-intyg', hsaId: MINA_INTYG, description: 'test', receivers: [RECEIVER], readers: [PORTAL],
      observe: (request, answer) => exchanges.push({ request, answer }),
    }).start(env);
    tp.setCatalogue(
      routeOrder(
        [{ producer: RECEIVER, url: receiver.url, logicalAddress: RECEIVER, namespaces: RECEIVER_CONTRACTS }],
        [{ consumer: MINA_INTYG, logicalAddress: RECEIVER, namespaces: RECEIVER_CONTRACTS }],
      ),
    );
    citizen = tlsClient(tp.certsDir, PORTAL);
  });

  after(async function () {
    await citizen?.close();
    await minaIntyg?.close();
    await receiver?.close();
    await tp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    // Every request and answer that went through the hub conforms to the official schemas.
    if (!referenceDir()) return;
    for (const x of exchanges.splice(0)) {
      expect(await validatePayloadXml(x.request), x.request).to.deep.equal([]);
      expect(await validatePayloadXml(x.answer.body), x.answer.body).to.deep.equal([]);
    }
  });

  it('registers a signed certificate, records the receipt as received, then revokes it and records that receipt', async function () {
    const sent = await citizen.json('POST', `${minaIntyg.url}/api/certificates`, { personId: TOLVAN.personId, receiver: RECEIVER });
    expect(sent.status).to.equal(201);
    expect(sent.body).to.deep.include({ status: 'received', resultCode: 'OK', errorId: null, receiver: RECEIVER, typeCode: 'TSTRK1007' });
    expect(exchanges).to.have.length(1);
    expect(exchanges[0]!.answer.status).to.equal(200);

    const followed = await citizen.json('GET', `${minaIntyg.url}/api/certificates/${sent.body.id as string}`);
    expect(followed.body.status).to.equal('received');

    const revoked = await citizen.json('POST', `${minaIntyg.url}/api/certificates/${sent.body.id as string}/revoke`, { message: 'Fel patient' });
    expect(revoked.body).to.deep.include({ status: 'revoked', resultCode: 'OK' });
    expect(revoked.body.revokedAt).to.be.a('string');

    const again = await citizen.json('POST', `${minaIntyg.url}/api/certificates/${sent.body.id as string}/revoke`, {});
    expect(again.body).to.deep.include({ status: 'revoke-failed', resultCode: 'ERROR', errorId: 'REVOKED' });
    expect(again.body.resultText).to.match(/^Certificate [0-9a-f-]{36} was already revoked /);
  });

  it('serves the citizen verbs send-certificate and certificate-status', async function () {
    const client = new PortalClient(tp.mtlsAgent(PORTAL), { inboxUrl: 'https://127.0.0.1:1', minaIntygUrl: minaIntyg.url });
    const sent = (await runPortalVerb(client, 'send-certificate', [TOLVAN.personId, RECEIVER])) as { id: string; status: string };
    expect(sent.status).to.equal('received');
    expect(await runPortalVerb(client, 'certificate-status', [sent.id])).to.deep.include({ id: sent.id, status: 'received', resultCode: 'OK' });
  });

  it('serves the same verbs as REST routes: send a certificate, follow it, and 400 for a missing receiver', async function () {
    const app = express().use(express.json());
    const pass = (_req: unknown, _res: unknown, next: () => void): void => next();
    mountApi({ app, requireReader: pass, requireOperator: pass }, { prefix: '/api/citizen', routes: portalRoutes(new PortalClient(tp.mtlsAgent(PORTAL), { inboxUrl: '', minaIntygUrl: minaIntyg.url })) });
    const server = createServer(app);
    const port = await listen(server, 0, '127.0.0.1');
    try {
      const post = (path: string, b: unknown) => request(`http://127.0.0.1:${port}/api/citizen${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
      const sent = await post(`/${TOLVAN.personId}/certificates`, { receiver: RECEIVER });
      const body = (await sent.body.json()) as { id: string; status: string };
      expect([sent.statusCode, body.status]).to.deep.equal([200, 'received']);
      expect(mismatch(PORTAL_SCHEMAS.certificate, 'body', body)).to.equal(undefined);
      const status = await request(`http://127.0.0.1:${port}/api/citizen/certificates/${body.id}`);
      const followed = (await status.body.json()) as { status: string };
      expect(followed.status).to.equal('received');
      expect(mismatch(PORTAL_SCHEMAS.certificate, 'body', followed)).to.equal(undefined);
      const missing = await post(`/${TOLVAN.personId}/certificates`, {});
      expect([missing.statusCode, await missing.body.json()]).to.deep.equal([400, { code: 'NTJP_ERR_CITIZEN_INPUT', message: 'receiver is required' }]);
    } finally {
      await closeServer(server);
    }
  });

  it('answers a certificate whose content was changed after signing with ERROR VALIDATION_ERROR and a clear text', async function () {
    const doctor = readIdentity(tp.certsDir, 'SE2321000016-L001');
    const signed = signIntyg(intygXml(demoCertificate(TOLVAN)), { certPem: doctor.cert, keyPem: doctor.key });
    const tampered = signed.replace('<t:code>IDK1</t:code>', '<t:code>IDK6</t:code>');
    expect(tampered).not.to.equal(signed);
    const request = rivRequest(RECEIVER, registerCertificateXml(tampered));
    issueSystemCertificate(tp.certsDir, MINA_INTYG);
    const agent = createAgent(readIdentity(tp.certsDir, MINA_INTYG), { connections: 1 });
    try {
      const answer = await callThroughHub({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: agent }, request);
      exchanges.push({ request, answer });
      const result = child(answer.envelope!.payload, 'result');
      expect(childText(result, 'resultCode')).to.equal('ERROR');
      expect(childText(result, 'errorId')).to.equal('VALIDATION_ERROR');
      expect(childText(result, 'resultText')).to.match(/^Signature check failed: the signature does not match the certificate content/);
    } finally {
      await agent.close();
    }
  });

  it('records a hub fault as status error with the reason when the receiver is not routed', async function () {
    const sent = await citizen.json('POST', `${minaIntyg.url}/api/certificates`, { personId: TOLVAN.personId, receiver: RECEIVER });
    expect(sent.body.status).to.equal('received');
    tp.setCatalogue(routeOrder([], [{ consumer: MINA_INTYG, logicalAddress: RECEIVER, namespaces: RECEIVER_CONTRACTS }]));
    try {
      const failed = await citizen.json('POST', `${minaIntyg.url}/api/certificates`, { personId: TOLVAN.personId, receiver: RECEIVER });
      expect(failed.body).to.deep.include({ status: 'error', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' });
      expect(failed.body.resultText).to.match(/^SOAP fault soapenv:(Server|Client): VP004 /);
      const list = await citizen.json('GET', `${minaIntyg.url}/api/certificates?personId=${TOLVAN.personId}`);
      expect(list.body.certificates.map((c: { status: string }) => c.status).slice(0, 2)).to.deep.equal(['error', 'received']);
    } finally {
      tp.setCatalogue(
        routeOrder(
          [{ producer: RECEIVER, url: receiver.url, logicalAddress: RECEIVER, namespaces: RECEIVER_CONTRACTS }],
          [{ consumer: MINA_INTYG, logicalAddress: RECEIVER, namespaces: RECEIVER_CONTRACTS }],
        ),
      );
    }
  });
});

describe('certificate signature (XML-DSig over intyg)', function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-sig-'));
    issueSystemCertificate(dir, 'SE2321000016-L001');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies a signature made with a certificate of the trusted CA and names the signer', function () {
    const id = readIdentity(dir, 'SE2321000016-L001');
    const message = registerCertificateXml(signIntyg(intygXml(demoCertificate(TOLVAN)), { certPem: id.cert, keyPem: id.key }));
    expect(verifyIntygSignature(message, id.ca as string)).to.deep.equal({ valid: true, signerHsaId: 'SE2321000016-L001' });
    expect(message).to.include(`<m1:underskrift><ds:Signature xmlns:ds="${CERT_NS.dsig}">`);
  });

  it('refuses a signature by a certificate from another CA, and an unsigned certificate', function () {
    const otherCa = createCa('Other CA');
    const stranger = createCertificate({ commonName: 'x', hsaId: 'SE2321000016-X', issuer: otherCa, usage: 'client' });
    const ca = readIdentity(dir, 'SE2321000016-L001').ca as string;
    const message = registerCertificateXml(signIntyg(intygXml(demoCertificate(TOLVAN)), stranger));
    const check = verifyIntygSignature(message, ca);
    expect(check.valid).to.equal(false);
    expect((check as { reason: string }).reason).to.match(/is not issued by the trusted CA$/);
    expect(verifyIntygSignature(registerCertificateXml(intygXml(demoCertificate(TOLVAN))), ca)).to.deep.equal({
      valid: false,
      reason: 'the certificate is not signed (no ds:Signature in intyg/underskrift)',
    });
  });
});
