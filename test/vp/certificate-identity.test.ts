import { expect } from 'chai';
import { Agent } from 'undici';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { certificateHsaId, createCertificate, hsaIdFromCertificate, parseCertificate, OPERATOR_HSA_ID, readDevCa, type CertifiedKey } from '../../src/pki/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { expectVpFault } from './hub-calls.js';

const NOBODY = 'SE-NOBODY';
const OPERATOR_ONLY = 'SE2321000016-OPER';
/** A common name that reads like a second serialNumber in the subject's text. */
const IMITATING_CN = `x,SERIALNUMBER=${OPERATOR_HSA_ID}`;

describe('sender identity from the parsed certificate subject', function () {
  let p: TestPlatform;
  let producer: TestProducer;
  let imitator: CertifiedKey;
  let imitatorAgent: Agent;

  const listeners: { name: string; call: (receiver: string) => Promise<SoapAnswer> }[] = [
    { name: 'the HTTPS listener', call: (receiver) => postSoap({ url: p.hubHttpsUrl, body: rivCall(receiver), dispatcher: imitatorAgent }) },
    { name: 'the HTTP listener (cert header)', call: (receiver) => postSoap({ url: p.hubHttpUrl, body: rivCall(receiver), headers: { 'x-vp-auth-cert': encodeURIComponent(imitator.certPem) } }) },
  ];

  before(async () => {
    producer = await startProducer();
    p = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, producer.url), route(OPERATOR_ONLY, producer.url)], [permission(HSA.careUnit, NOBODY), permission(OPERATOR_ONLY, OPERATOR_HSA_ID)]),
    });
    imitator = createCertificate({ commonName: IMITATING_CN, hsaId: NOBODY, issuer: readDevCa(p.certsDir), usage: 'client' });
    imitatorAgent = new Agent({ connect: { cert: imitator.certPem, key: imitator.keyPem, ca: p.identity(HSA.consumer).ca } });
  });
  after(async () => {
    await imitatorAgent.destroy();
    await p.close();
    await producer.close();
  });

  it('reads the HSA-id from the serialNumber attribute, not from a common name that imitates one', () => {
    expect(parseCertificate(imitator.certPem)!.subject).to.equal(`C=SE\nO=ntjp-emulator\nCN=x\\,SERIALNUMBER=${OPERATOR_HSA_ID}\nserialNumber=${NOBODY}`);
    expect(hsaIdFromCertificate(imitator.certPem)).to.equal(NOBODY);
  });

  it('finds no HSA-id in a subject with two serialNumber attributes', () => {
    const twice = createCertificate({ commonName: 'twice', hsaId: NOBODY, extraSubject: [{ type: '2.5.4.5', value: OPERATOR_HSA_ID }], issuer: readDevCa(p.certsDir), usage: 'client' });
    expect(hsaIdFromCertificate(twice.certPem)).to.equal(undefined);
  });

  it('applies the sender pattern to SERIALNUMBER=<value> alone: it can cut the value but reaches no other attribute', () => {
    const cert = parseCertificate(imitator.certPem)!;
    expect(certificateHsaId(cert, 'SERIALNUMBER=SE-(\\w+)')).to.equal('NOBODY');
    expect(certificateHsaId(cert, 'CN=([^,]+)')).to.equal(undefined);
  });

  for (const listener of listeners) {
    it(`sees the imitating certificate's real serialNumber as the sender on ${listener.name}`, async () => {
      const res = await listener.call(HSA.careUnit);
      expect(res.status, res.body).to.equal(200);
      expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(NOBODY);
    });

    it(`refuses the imitating certificate a receiver only the operator may call on ${listener.name} (VP007 naming its real sender)`, async () => {
      const detail = expectVpFault(await listener.call(OPERATOR_ONLY), 'VP007');
      expect(detail).to.equal(`Authorization missing for serviceNamespace: ${CONTRACT.getSchedule}, receiverId: ${OPERATOR_ONLY}, senderId: ${NOBODY}`);
    });
  }
});
