import { expect } from 'chai';
import { Agent } from 'undici';
import { ConfigError } from '../../src/config/load.js';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { createCa, createCertificate, parseCertificate, readDevCa, type CertifiedKey } from '../../src/pki/index.js';
import { peerWhitelist } from '../../src/vp/ip-whitelist.js';
import type { SettingValue } from '../../src/config/load.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { expectVpFault } from './hub-calls.js';

const DAY_MS = 24 * 3600 * 1000;
const NOT_ON_WHITELIST = 'Caller was not on the white list of accepted IP-addresses.  IP-address:';

describe('HTTP listener trust: exact whitelist and verified header certificate', function () {
  let producer: TestProducer;
  const platforms: TestPlatform[] = [];
  const agents = new Map<string, Agent>();

  async function hub(settings: Record<string, SettingValue> = {}): Promise<TestPlatform> {
    const p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), settings });
    platforms.push(p);
    return p;
  }

  /** A pool whose connections leave from this loopback address (Linux routes all of 127.0.0.0/8 to lo). */
  function from(localAddress: string): Agent {
    let agent = agents.get(localAddress);
    if (!agent) agents.set(localAddress, (agent = new Agent({ localAddress })));
    return agent;
  }

  const internalCall = (p: TestPlatform, localAddress: string, headers: Record<string, string> = {}): Promise<SoapAnswer> =>
    postSoap({ url: p.hubHttpUrl, body: rivCall(HSA.careUnit), dispatcher: from(localAddress), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId, ...headers } });

  const headerCall = (p: TestPlatform, cert: CertifiedKey): Promise<SoapAnswer> =>
    postSoap({ url: p.hubHttpUrl, body: rivCall(HSA.careUnit), headers: { 'x-vp-auth-cert': encodeURIComponent(cert.certPem) } });

  before(async () => {
    producer = await startProducer();
  });
  after(async () => {
    await Promise.all([...agents.values()].map((a) => a.destroy()));
    await Promise.all(platforms.map((p) => p.close()));
    await producer.close();
  });

  describe('whitelist', () => {
    it('refuses peers 127.0.0.10, .100 and .199 that the real VP\'s prefix 127.0.0.1 would admit (VP011), and admits 127.0.0.1', async () => {
      const p = await hub();
      for (const peer of ['127.0.0.10', '127.0.0.100', '127.0.0.199']) {
        expect(expectVpFault(await internalCall(p, peer), 'VP011')).to.equal(`${NOT_ON_WHITELIST} ${peer}. HTTP header that caused checking: CamelNettyRemoteAddress`);
      }
      expect((await internalCall(p, '127.0.0.1')).status).to.equal(200);
    });

    it('admits every peer inside a CIDR range and refuses those outside it', async () => {
      const p = await hub({ 'vp.ipWhitelist': ['127.0.0.0/29'] });
      expect((await internalCall(p, '127.0.0.5')).status).to.equal(200);
      expect(expectVpFault(await internalCall(p, '127.0.0.8'), 'VP011')).to.equal(`${NOT_ON_WHITELIST} 127.0.0.8. HTTP header that caused checking: CamelNettyRemoteAddress`);
    });

    it('checks X-Forwarded-For of an internal call by CIDR too, IPv4-mapped IPv6 entries as their IPv4 address', async () => {
      const p = await hub({ 'vp.ipWhitelist': ['127.0.0.1', '10.0.0.0/8'] });
      expect((await internalCall(p, '127.0.0.1', { 'x-forwarded-for': '10.1.2.3, ::ffff:10.4.5.6' })).status).to.equal(200);
      expect(expectVpFault(await internalCall(p, '127.0.0.1', { 'x-forwarded-for': '10.1.2.3, 100.1.2.3' }), 'VP011')).to.equal(`${NOT_ON_WHITELIST} 100.1.2.3. HTTP header that caused checking: X-Forwarded-For`);
    });

    it('keeps the real VP\'s string-prefix match with vp.ipWhitelistMatch=prefix', async () => {
      const p = await hub({ 'vp.ipWhitelist': ['127.0.0.1'], 'vp.ipWhitelistMatch': 'prefix' });
      expect((await internalCall(p, '127.0.0.10')).status).to.equal(200);
      expect(expectVpFault(await internalCall(p, '127.0.0.2'), 'VP011')).to.equal(`${NOT_ON_WHITELIST} 127.0.0.2. HTTP header that caused checking: CamelNettyRemoteAddress`);
    });

    it('matches addresses, ranges and IPv4-mapped peers of both families', () => {
      const admits = peerWhitelist(['127.0.0.1/32', '::1/128', 'fd00::/8', '192.168.1.7'], 'cidr');
      const seen = ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::1', 'fd12::1', '192.168.1.7', '127.0.0.10', '::2', '192.168.1.70', 'not-an-ip', ''].filter(admits);
      expect(seen).to.deep.equal(['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::1', 'fd12::1', '192.168.1.7']);
      expect(['::ffff:127.0.0.1', '127.0.0.1'].map(peerWhitelist(['::ffff:127.0.0.1'], 'cidr'))).to.deep.equal([true, true]);
      expect(peerWhitelist([], 'cidr')('127.0.0.1')).to.equal(false);
    });

    it('refuses at start an entry its match mode cannot read, and an unknown mode', () => {
      const cases: [string[], string, string][] = [
        [['10.'], 'cidr', "vp.ipWhitelist: '10.' is neither an IP address nor a CIDR range such as 10.0.0.0/8 (vp.ipWhitelistMatch is cidr)"],
        [['10.0.0.0/33'], 'cidr', "vp.ipWhitelist: '10.0.0.0/33' is neither an IP address nor a CIDR range such as 10.0.0.0/8 (vp.ipWhitelistMatch is cidr)"],
        [['127.0.0.1/32'], 'prefix', "vp.ipWhitelist: '127.0.0.1/32' is a CIDR range, but vp.ipWhitelistMatch is prefix: give string prefixes such as 10. or 127.0.0.1"],
        [['127.0.0.1'], 'exact', "vp.ipWhitelistMatch: 'exact' is not one of cidr, prefix"],
      ];
      for (const [entries, match, message] of cases) expect(() => peerWhitelist(entries, match)).to.throw(ConfigError, message);
    });
  });

  describe('certificate header (vp.certHeaderVerify)', () => {
    const subjectOf = (cert: CertifiedKey): string => parseCertificate(cert.certPem)!.subject;

    it('refuses a self-signed certificate, one from a foreign CA and one from a foreign CA named like the dev CA (VP002)', async () => {
      const p = await hub();
      const certs = [
        createCertificate({ commonName: 'self-signed', hsaId: HSA.consumer, issuer: 'self', usage: 'client' }),
        createCertificate({ commonName: 'foreign', hsaId: HSA.consumer, issuer: createCa('Stranger CA'), usage: 'client' }),
        createCertificate({ commonName: 'forged', hsaId: HSA.consumer, issuer: createCa(), usage: 'client' }),
      ];
      for (const cert of certs) {
        expect(expectVpFault(await headerCall(p, cert), 'VP002')).to.equal(`Certificate in httpheader x-vp-auth-cert is not issued by a trusted CA: ${subjectOf(cert)}`);
      }
    });

    it('refuses an expired and a not yet valid certificate from the dev CA, naming the period (VP002)', async () => {
      const p = await hub();
      const now = Date.now();
      const certs = [
        createCertificate({ commonName: 'expired', hsaId: HSA.consumer, issuer: readDevCa(p.certsDir), usage: 'client', validFrom: new Date(now - 30 * DAY_MS), validTo: new Date(now - DAY_MS) }),
        createCertificate({ commonName: 'early', hsaId: HSA.consumer, issuer: readDevCa(p.certsDir), usage: 'client', validFrom: new Date(now + DAY_MS), validTo: new Date(now + 30 * DAY_MS) }),
      ];
      for (const cert of certs) {
        const x = parseCertificate(cert.certPem)!;
        const period = `(valid ${new Date(x.validFrom).toISOString()} to ${new Date(x.validTo).toISOString()}): ${x.subject}`;
        const detail = expectVpFault(await headerCall(p, cert), 'VP002');
        expect(detail).to.match(/^Certificate in httpheader x-vp-auth-cert is not valid at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
        expect(detail.slice(detail.indexOf(' (valid ') + 1)).to.equal(period);
      }
    });

    it('accepts a valid certificate from the dev CA', async () => {
      const p = await hub();
      const res = await headerCall(p, createCertificate({ commonName: 'good', hsaId: HSA.consumer, issuer: readDevCa(p.certsDir), usage: 'client' }));
      expect(res.status, res.body).to.equal(200);
      expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(HSA.consumer);
    });

    it('believes self-signed, foreign and expired certificates when turned off, like the real VP', async () => {
      const p = await hub({ 'vp.certHeaderVerify': false });
      const certs = [
        createCertificate({ commonName: 'self-signed', hsaId: HSA.consumer, issuer: 'self', usage: 'client' }),
        createCertificate({ commonName: 'foreign', hsaId: HSA.consumer, issuer: createCa('Stranger CA'), usage: 'client' }),
        createCertificate({ commonName: 'expired', hsaId: HSA.consumer, issuer: readDevCa(p.certsDir), usage: 'client', validFrom: new Date(Date.now() - 30 * DAY_MS), validTo: new Date(Date.now() - DAY_MS) }),
      ];
      for (const cert of certs) {
        const res = await headerCall(p, cert);
        expect(res.status, res.body).to.equal(200);
        expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(HSA.consumer);
      }
    });
  });
});
