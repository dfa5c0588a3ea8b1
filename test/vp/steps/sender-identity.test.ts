import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import type { CertificateSender } from '../../../src/vp/certificate-senders.js';
import { identifySender } from '../../../src/vp/steps/sender-identity.js';
import { HSA } from '../../support/soap.js';
import { NOW, expectFault, fakeExchange, fakeHub, type FakeHub } from './step-fixtures.js';

const SUBJECT = `SERIALNUMBER=${HSA.consumer}, CN=Test consumer`;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const valid: CertificateSender = { subject: SUBJECT, sender: HSA.consumer, trustedIssuer: true, validFromMs: NOW.getTime() - YEAR_MS, validToMs: NOW.getTime() + YEAR_MS };
const CERTIFICATES: Record<string, CertificateSender> = {
  'valid-cert': valid,
  'untrusted-cert': { ...valid, trustedIssuer: false },
  'expired-cert': { ...valid, validFromMs: Date.UTC(2020, 0, 1), validToMs: Date.UTC(2021, 0, 1) },
  'no-sender-cert': { ...valid, subject: 'CN=No serial number', sender: undefined },
};
const INSTANCE = 'NTJP-EMULATOR-1';

const hub = (o: FakeHub = {}): ReturnType<typeof fakeHub> => fakeHub({ certificates: CERTIFICATES, ...o });

/** A request on a TLS connection whose client certificate has this text (as base64 of its raw bytes). */
function httpsRequest(certText: string | undefined): IncomingMessage {
  const raw = certText === undefined ? undefined : Buffer.from(certText);
  return { socket: { getPeerCertificate: () => (raw ? { raw } : {}) } } as unknown as IncomingMessage;
}
const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('hub step: sender identity', () => {
  describe('over HTTPS', () => {
    it('takes the sender from the client certificate of the connection', () => {
      const h = hub({ certificates: { [base64('valid-cert')]: valid } });
      const ex = fakeExchange({ listener: 'https', req: httpsRequest('valid-cert') });
      identifySender(ex, h);
      expect({ sender: ex.sender, internal: ex.internal }).to.deep.equal({ sender: HSA.consumer, internal: false });
    });

    it('reads the certificate of a connection once, however many calls it carries', () => {
      const h = hub({ certificates: { [base64('valid-cert')]: valid } });
      const req = httpsRequest('valid-cert');
      identifySender(fakeExchange({ listener: 'https', req }), h);
      identifySender(fakeExchange({ listener: 'https', req }), h);
      expect(h.certificateReads).to.deep.equal([base64('valid-cert')]);
    });

    it('refuses a client certificate without a sender id with VP002 naming its subject', async () => {
      const h = hub({ certificates: { [base64('no-sender-cert')]: CERTIFICATES['no-sender-cert']! } });
      await expectFault(() => identifySender(fakeExchange({ listener: 'https', req: httpsRequest('no-sender-cert') }), h), 'VP002', 'No senderId found in Certificate: CN=No serial number');
    });

    it('refuses a connection without a client certificate with VP002', async () => {
      await expectFault(() => identifySender(fakeExchange({ listener: 'https', req: httpsRequest(undefined) }), hub()), 'VP002', 'No senderId found in Certificate: (none)');
    });

    it('ignores x-vp-sender-id over HTTPS: the certificate decides', () => {
      const h = hub({ certificates: { [base64('valid-cert')]: valid } });
      const ex = fakeExchange({ listener: 'https', req: httpsRequest('valid-cert'), headers: { 'x-vp-sender-id': HSA.otherConsumer, 'x-vp-instance-id': INSTANCE } });
      identifySender(ex, h);
      expect({ sender: ex.sender, internal: ex.internal }).to.deep.equal({ sender: HSA.consumer, internal: false });
    });
  });

  describe('over HTTP', () => {
    it('refuses a peer that is not on the whitelist with VP011 naming its address', async () => {
      await expectFault(
        () => identifySender(fakeExchange({ peerIp: '10.1.2.3', headers: { 'x-vp-auth-cert': 'valid-cert' } }), hub()),
        'VP011',
        'Caller was not on the white list of accepted IP-addresses.  IP-address: 10.1.2.3. HTTP header that caused checking: CamelNettyRemoteAddress',
      );
    });

    it('trusts x-vp-sender-id from a whitelisted peer that names this instance, as an internal call', () => {
      const ex = fakeExchange({ headers: { 'x-vp-sender-id': HSA.otherConsumer, 'x-vp-instance-id': INSTANCE } });
      identifySender(ex, hub());
      expect({ sender: ex.sender, internal: ex.internal, routingHistory: ex.routingHistory }).to.deep.equal({ sender: HSA.otherConsumer, internal: true, routingHistory: undefined });
    });

    it('refuses an internal call forwarded for an address off the whitelist with VP011 naming X-Forwarded-For', async () => {
      const headers = { 'x-vp-sender-id': HSA.otherConsumer, 'x-vp-instance-id': INSTANCE, 'x-forwarded-for': '127.0.0.1, 192.168.9.9' };
      await expectFault(
        () => identifySender(fakeExchange({ headers }), hub()),
        'VP011',
        'Caller was not on the white list of accepted IP-addresses.  IP-address: 192.168.9.9. HTTP header that caused checking: X-Forwarded-For',
      );
    });

    it('does not trust x-vp-sender-id with another instance id: the cert header is then required (VP002)', async () => {
      const headers = { 'x-vp-sender-id': HSA.otherConsumer, 'x-vp-instance-id': 'SOME-OTHER-VP' };
      await expectFault(() => identifySender(fakeExchange({ headers }), hub()), 'VP002', 'No certificate found in httpheader x-vp-auth-cert');
    });

    it('takes the sender from a trusted, valid certificate in the cert header', () => {
      const ex = fakeExchange({ headers: { 'x-vp-auth-cert': 'valid-cert' } });
      identifySender(ex, hub());
      expect({ sender: ex.sender, internal: ex.internal }).to.deep.equal({ sender: HSA.consumer, internal: false });
    });

    it('reads the cert header named by vp.certHeader', () => {
      const ex = fakeExchange({ headers: { 'x-client-cert': 'valid-cert' } });
      identifySender(ex, hub({ settings: { 'vp.certHeader': 'X-Client-Cert' } }));
      expect(ex.sender).to.equal(HSA.consumer);
    });

    it('refuses a cert header that is not a certificate with VP002', async () => {
      await expectFault(() => identifySender(fakeExchange({ headers: { 'x-vp-auth-cert': 'garbage' } }), hub()), 'VP002', 'Certificate in httpheader x-vp-auth-cert could not be parsed');
    });

    it('refuses a cert header certificate from an untrusted CA with VP002 naming its subject', async () => {
      await expectFault(
        () => identifySender(fakeExchange({ headers: { 'x-vp-auth-cert': 'untrusted-cert' } }), hub()),
        'VP002',
        `Certificate in httpheader x-vp-auth-cert is not issued by a trusted CA: ${SUBJECT}`,
      );
    });

    it('refuses a cert header certificate outside its validity with VP002 naming the time and the period', async () => {
      await expectFault(
        () => identifySender(fakeExchange({ headers: { 'x-vp-auth-cert': 'expired-cert' } }), hub()),
        'VP002',
        `Certificate in httpheader x-vp-auth-cert is not valid at 2026-06-01T12:00:00.000Z (valid 2020-01-01T00:00:00.000Z to 2021-01-01T00:00:00.000Z): ${SUBJECT}`,
      );
    });

    it('believes an untrusted or expired cert header certificate when vp.certHeaderVerify is off', () => {
      const h = hub({ settings: { 'vp.certHeaderVerify': false } });
      const senders = ['untrusted-cert', 'expired-cert'].map((cert) => {
        const ex = fakeExchange({ headers: { 'x-vp-auth-cert': cert } });
        identifySender(ex, h);
        return ex.sender;
      });
      expect(senders).to.deep.equal([HSA.consumer, HSA.consumer]);
    });

    it('refuses a cert header certificate without a sender id with VP002 naming its subject', async () => {
      await expectFault(() => identifySender(fakeExchange({ headers: { 'x-vp-auth-cert': 'no-sender-cert' } }), hub()), 'VP002', 'No senderId found in Certificate: CN=No serial number');
    });
  });

  describe('routing history (loop guard)', () => {
    const external = (history?: string): ReturnType<typeof fakeExchange> =>
      fakeExchange({ headers: { 'x-vp-auth-cert': 'valid-cert', ...(history === undefined ? {} : { 'x-rivta-routing-history': history }) } });

    it('starts the history as <sender>#<instance id> when the call has none', () => {
      const ex = external();
      identifySender(ex, hub());
      expect(ex.routingHistory).to.equal(`${HSA.consumer}#${INSTANCE}`);
    });

    it('appends this instance to a history from other platforms', () => {
      const ex = external('SE123-A#VP-ONE#VP-TWO');
      identifySender(ex, hub());
      expect(ex.routingHistory).to.equal(`SE123-A#VP-ONE#VP-TWO#${INSTANCE}`);
    });

    it('refuses a call whose history already holds this instance with VP014', async () => {
      await expectFault(() => identifySender(external(`SE123-A#${INSTANCE}#VP-TWO`), hub()), 'VP014', '');
    });

    it('leaves the history alone when vp.useRoutingHistory is off', () => {
      const ex = external(`SE123-A#${INSTANCE}`);
      identifySender(ex, hub({ settings: { 'vp.useRoutingHistory': false } }));
      expect(ex.routingHistory).to.equal(undefined);
    });
  });
});
