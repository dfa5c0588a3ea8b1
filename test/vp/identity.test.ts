import { expect } from 'chai';
import { Agent } from 'undici';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { postSoap } from '../../src/shared/soap/client.js';
import { createCa, createCertificate, readDevCa } from '../../src/pki/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const DAY_MS = 24 * 3600 * 1000;

describe('hub sender identity', function () {
  let p: TestPlatform;
  let producer: TestProducer;
  const agents: Agent[] = [];

  /** an mTLS pool with a certificate made for the test */
  function agentWith(cert: { certPem: string; keyPem: string }): Agent {
    const agent = new Agent({ connect: { cert: cert.certPem, key: cert.keyPem, ca: p.identity(HSA.consumer).ca } });
    agents.push(agent);
    return agent;
  }

  before(async () => {
    producer = await startProducer();
    p = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]),
      settings: { 'vp.ipWhitelist': ['127.0.0.1', '::1'] },
    });
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.destroy()));
    await p.close();
    await producer.close();
  });

  it('takes the sender from the client certificate serialNumber over mutual TLS', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { mtls: HSA.consumer });
    expect(res.status).to.equal(200);
    expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(HSA.consumer);
  });

  it('refuses a TLS connection without a client certificate', async () => {
    const before = producer.calls.length;
    const noCert = new Agent({ connect: { ca: p.identity(HSA.consumer).ca } });
    agents.push(noCert);
    let error: unknown;
    await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: noCert }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect(producer.calls.length).to.equal(before);
  });

  it('refuses a client certificate from an unknown CA', async () => {
    const strangerCa = createCa('Stranger CA');
    const cert = createCertificate({ commonName: 'x', hsaId: HSA.consumer, issuer: strangerCa, usage: 'client' });
    let error: unknown;
    await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agentWith(cert) }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
  });

  it('refuses an expired client certificate', async () => {
    const cert = createCertificate({
      commonName: 'expired', hsaId: HSA.consumer, issuer: readDevCa(p.certsDir), usage: 'client',
      validFrom: new Date(Date.now() - 30 * DAY_MS), validTo: new Date(Date.now() - DAY_MS),
    });
    let error: unknown;
    await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agentWith(cert) }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
  });

  it('gives VP002 for a trusted certificate without an HSA-id', async () => {
    const cert = createCertificate({ commonName: 'no-serial', issuer: readDevCa(p.certsDir), usage: 'client' });
    const res = await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agentWith(cert) });
    expect(expectVpFault(res, 'VP002')).to.match(/^No senderId found in Certificate: C=SE\nO=ntjp-emulator\nCN=no-serial$/);
  });

  it('takes the sender from a URL-encoded PEM in the cert header of the HTTP listener', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { proxyCert: HSA.consumer });
    expect(res.status).to.equal(200);
    expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(HSA.consumer);
  });

  it('takes the sender from bare base64 DER in the cert header', async () => {
    const bare = p.identity(HSA.consumer).cert.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const res = await postSoap({ url: p.hubHttpUrl, body: rivCall(HSA.careUnit), headers: { 'x-vp-auth-cert': bare } });
    expect(res.status).to.equal(200);
  });

  it('gives VP002 on the HTTP listener without a cert header, or with a wrong instance id', async () => {
    expect(expectVpFault(await postSoap({ url: p.hubHttpUrl, body: rivCall(HSA.careUnit) }), 'VP002')).to.equal('No certificate found in httpheader x-vp-auth-cert');
    const foreign = await postSoap({ url: p.hubHttpUrl, body: rivCall(HSA.careUnit), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': 'SOMEONE-ELSE' } });
    expectVpFault(foreign, 'VP002');
  });

  it('trusts x-vp-sender-id only with this instance id', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer });
    expect(res.status).to.equal(200);
  });

  it('gives VP011 when X-Forwarded-For of an internal call is not on the whitelist', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer }, { 'x-forwarded-for': '10.1.2.3' });
    expect(expectVpFault(res, 'VP011')).to.equal('Caller was not on the white list of accepted IP-addresses.  IP-address: 10.1.2.3. HTTP header that caused checking: X-Forwarded-For');
  });

  it('gives VP011 to a peer outside the whitelist, and an empty whitelist admits nobody', async () => {
    for (const whitelist of [['10.0.0.0/8'], []]) {
      const q = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), settings: { 'vp.ipWhitelist': whitelist } });
      try {
        const res = await callHub(q, rivCall(HSA.careUnit), { internal: HSA.consumer });
        expect(expectVpFault(res, 'VP011')).to.equal('Caller was not on the white list of accepted IP-addresses.  IP-address: 127.0.0.1. HTTP header that caused checking: CamelNettyRemoteAddress');
      } finally {
        await q.close();
      }
    }
  });

  it('trusts exactly the CAs of --trusted-cas when given', async () => {
    const otherCa = createCa('Other trusted CA');
    const caDir = mkdtempSync(join(tmpdir(), 'ntjp-vp-cas-'));
    const caFile = join(caDir, 'other-ca.pem');
    writeFileSync(caFile, otherCa.certPem);
    let q: TestPlatform | undefined;
    try {
      q = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), settings: { 'vp.trustedCas': [caFile] } });
      const fromOther = createCertificate({ commonName: 'k', hsaId: HSA.consumer, issuer: otherCa, usage: 'client' });
      const res = await postSoap({ url: q.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agentWith(fromOther) });
      expect(res.status).to.equal(200);
      let error: unknown;
      await postSoap({ url: q.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: q.mtlsAgent(HSA.consumer) }).catch((e: unknown) => (error = e));
      expect(error, 'a dev-CA certificate is no longer trusted').to.be.instanceOf(Error);
    } finally {
      await q?.close();
      rmSync(caDir, { recursive: true, force: true });
    }
  });
});
