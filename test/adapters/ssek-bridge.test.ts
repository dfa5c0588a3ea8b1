/**
 * RIV → SSEK through the hub and the SSEK adapter, on real sockets: to the reference SSEK receiver (signed
 * both ways), and to small SSEK responders in the test for answers the receiver never gives (unsigned,
 * tampered). Each failure is a fault to the RIV caller naming its code, with a traffic entry.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { TestPlatform } from '../support/platform.js';
import { ssekReceiverSystem, SSEK_SERVICE_PATH } from '../../src/services/ssek-receiver/ssek-receiver-system.js';
import type { RunningReferenceSystem } from '../../src/services/reference-system.js';
import { startProducerServer } from '../../src/services/system-runtime.js';
import { createCa, createCertificate } from '../../src/pki/index.js';
import { DEFAULT_SSEK_ALGORITHMS, readSsekHeader, signedSsekEnvelope, type AdaptersApi } from '../../src/adapters/index.js';
import { receiptXml } from '../../src/services/certificates/certificate-xml.js';
import { soapEnvelope } from '../../src/shared/soap/envelope.js';
import type { SoapCall } from '../../src/platform/soap-server.js';
import type { VpApi } from '../../src/vp/index.js';
import { CERT_NS, SENDER, adapterCatalogue, adapterPlatform, receivedIds, registerCertificate, send, systemEnv } from './support.js';

const INSURER = '5590000017';
const SSEK_ID = '165590000017';
const NAME = 'ssek-insurer';
const OK_RECEIPT = receiptXml(CERT_NS.registerCertificate, 'RegisterCertificateResponse', { resultCode: 'OK' });

describe('RIV → SSEK through the SSEK adapter', function () {
  this.timeout(30000);
  let tp: TestPlatform;
  let dataDir: string;
  let receiver: RunningReferenceSystem;
  /** answers as the responder in the test says (unsigned, tampered) */
  let responder: { url: string; close(): Promise<void> };
  let answerWith: (call: SoapCall) => string = () => '';
  const leg = (correlationId: string) => tp.ctx.use<VpApi>('vp').traffic.list({ limit: 50 }).find((e) => e.correlationId === correlationId && e.leg === 'SSEK');
  const mapping = (url: string, over: Record<string, string> = {}) => ({ logicalAddress: INSURER, format: 'SSEK' as const, url, receiverId: SSEK_ID, receiverIdType: 'ORGNR', ...over });

  before(async () => {
    tp = await adapterPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-ssek-'));
    const env = systemEnv(tp, dataDir);
    receiver = await ssekReceiverSystem({ name: NAME, hsaId: 'SE5590000017-SSEK', description: 'test insurer', careUnits: [{ hsaId: INSURER, name: 'Insurer' }] }).start(env);
    const identity = tp.identity('SE5590000099-TEST');
    responder = await startProducerServer(env, identity, new Map([['/ssek', async (call: SoapCall) => ({ body: answerWith(call) })]]));
  });
  after(async () => {
    await responder?.close();
    await receiver?.close();
    await tp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the test responder signs with: a certificate of the test CA. */
  const signedAnswer = (call: SoapCall, body = OK_RECEIPT): string => {
    const h = readSsekHeader(call.envelope.header);
    const id = tp.identity('SE5590000099-TEST');
    return signedSsekEnvelope({ sender: h.receiver, receiver: h.sender, txId: h.txId }, body, { certPem: id.cert, keyPem: id.key }, DEFAULT_SSEK_ALGORITHMS);
  };

  it('carries the RIV payload unchanged in a signed SSEK message and gives back the receiver\'s signed answer', async () => {
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(receiver.url + SSEK_SERVICE_PATH)]);
    const cert = registerCertificate();
    const correlationId = randomUUID();
    const answer = await send(tp, INSURER, cert.payload, correlationId);
    expect(answer.status).to.equal(200);
    expect(answer.envelope!.payload!.name).to.equal('RegisterCertificateResponse');
    expect(answer.body).to.include('<c:resultCode>OK</c:resultCode>');
    expect(answer.body).not.to.include('ssek:SSEK');
    expect(receivedIds(dataDir, NAME)).to.include(cert.id);
    expect(leg(correlationId)).to.deep.include({ outcome: 'ok', sender: '165565594230', receiver: SSEK_ID, httpStatus: 200 });
  });

  it('puts the header as Inera\'s adapter did: SenderId and ReceiverId with ORGNR, TxId the correlation id, mustUnderstand, signed parts', async () => {
    let seen = '';
    answerWith = (call) => ((seen = call.rawBody.toString('utf8')), signedAnswer(call));
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(`${responder.url}/ssek`)]);
    const correlationId = randomUUID();
    expect((await send(tp, INSURER, registerCertificate().payload, correlationId)).status).to.equal(200);
    expect(seen).to.match(/<ssek:SSEK xmlns:ssek="http:\/\/schemas\.ssek\.org\/ssek\/2006-05-10\/"[^>]* soapenv:mustUnderstand="1"/);
    expect(seen).to.include(`<ssek:SenderId ssek:Type="ORGNR">165565594230</ssek:SenderId><ssek:ReceiverId ssek:Type="ORGNR">${SSEK_ID}</ssek:ReceiverId><ssek:TxId>${correlationId}</ssek:TxId>`);
    expect(seen.match(/<ds:Reference URI="#(TS|SSEK|Body)-/g)).to.have.length(3);
    expect(seen).to.include('wsse:BinarySecurityToken');
  });

  it('maps the receiver\'s SSEK fault to NTJP-ADAPTER004 naming the ssek: code, and stores nothing', async () => {
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(receiver.url + SSEK_SERVICE_PATH, { receiverId: '165590000099' })]);
    const cert = registerCertificate();
    const correlationId = randomUUID();
    const answer = await send(tp, INSURER, cert.payload, correlationId);
    const text = `The SSEK receiver at ${receiver.url}${SSEK_SERVICE_PATH} answered with SSEK fault ssek:ReceiverIdUnknown: ReceiverId 165590000099 (ORGNR) is not this receiver (${SSEK_ID}, ORGNR)`;
    expect(answer.envelope!.fault).to.deep.include({ code: 'soapenv:Server', string: `NTJP-ADAPTER004 [NTJP-EMULATOR] ${text}` });
    expect(leg(correlationId)).to.deep.include({ outcome: 'adapter-fault', faultCode: 'NTJP-ADAPTER004', detail: text });
    expect(receivedIds(dataDir, NAME)).not.to.include(cert.id);
  });

  it('refuses an answer without a signature with NTJP-ADAPTER005', async () => {
    answerWith = (call) => {
      const h = readSsekHeader(call.envelope.header);
      return soapEnvelope(OK_RECEIPT, [`<ssek:SSEK xmlns:ssek="http://schemas.ssek.org/ssek/2006-05-10/"><ssek:SenderId ssek:Type="ORGNR">${SSEK_ID}</ssek:SenderId><ssek:ReceiverId ssek:Type="ORGNR">${h.sender.id}</ssek:ReceiverId><ssek:TxId>${h.txId}</ssek:TxId></ssek:SSEK>`]);
    };
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(`${responder.url}/ssek`)]);
    const correlationId = randomUUID();
    const answer = await send(tp, INSURER, registerCertificate().payload, correlationId);
    expect(answer.envelope!.fault!.string).to.equal(`NTJP-ADAPTER005 [NTJP-EMULATOR] The SSEK answer from ${responder.url}/ssek failed the signature check: the message has no wsse:Security header`);
    expect(leg(correlationId)).to.deep.include({ faultCode: 'NTJP-ADAPTER005' });
  });

  it('refuses an answer whose Body was changed after signing with NTJP-ADAPTER005', async () => {
    answerWith = (call) => signedAnswer(call).replace('<c:resultCode>OK</c:resultCode>', '<c:resultCode>INFO</c:resultCode>');
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(`${responder.url}/ssek`)]);
    const answer = await send(tp, INSURER, registerCertificate().payload, randomUUID());
    expect(answer.envelope!.fault!.string).to.equal(`NTJP-ADAPTER005 [NTJP-EMULATOR] The SSEK answer from ${responder.url}/ssek failed the signature check: the signature value does not match`);
  });

  it('refuses an answer signed with a certificate of another CA with NTJP-ADAPTER005', async () => {
    const stranger = createCertificate({ issuer: createCa(), commonName: 'stranger', hsaId: 'SE0000000000-X', usage: 'client' });
    answerWith = (call) => {
      const h = readSsekHeader(call.envelope.header);
      return signedSsekEnvelope({ sender: h.receiver, receiver: h.sender, txId: h.txId }, OK_RECEIPT, { certPem: stranger.certPem, keyPem: stranger.keyPem }, DEFAULT_SSEK_ALGORITHMS);
    };
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(`${responder.url}/ssek`)]);
    const answer = await send(tp, INSURER, registerCertificate().payload, randomUUID());
    expect(answer.envelope!.fault!.string).to.match(/^NTJP-ADAPTER005 \[NTJP-EMULATOR\] The SSEK answer from .* failed the signature check: the signing certificate \(.*\) is not issued by a trusted CA$/);
  });

  it('answers NTJP-ADAPTER002 when the SSEK receiver is down', async () => {
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping('https://127.0.0.1:1/ssek')]);
    const correlationId = randomUUID();
    const answer = await send(tp, INSURER, registerCertificate().payload, correlationId);
    expect(answer.envelope!.fault!.string).to.match(/^NTJP-ADAPTER002 \[NTJP-EMULATOR\] The SSEK receiver at https:\/\/127\.0\.0\.1:1\/ssek could not be reached: ECONNREFUSED: /);
    expect(leg(correlationId)).to.deep.include({ faultCode: 'NTJP-ADAPTER002' });
  });

  it('refuses a second delivery under the same correlation id with NTJP-ADAPTER006; the receiver holds the certificate once', async () => {
    adapterCatalogue(tp, [{ logicalAddress: INSURER, format: 'SSEK' }], [mapping(receiver.url + SSEK_SERVICE_PATH)]);
    const cert = registerCertificate();
    const correlationId = randomUUID();
    expect((await send(tp, INSURER, cert.payload, correlationId)).status).to.equal(200);
    const again = await send(tp, INSURER, cert.payload, correlationId);
    expect(again.envelope!.fault!.string).to.equal(`NTJP-ADAPTER006 [NTJP-EMULATOR] Duplicate: correlation id ${correlationId} was already delivered to ${SSEK_ID} as tx id ${correlationId}; it is not sent again.`);
    expect(receivedIds(dataDir, NAME).filter((id) => id === cert.id)).to.have.length(1);
    expect((await tp.ctx.use<AdaptersApi>('adapters').deliveries()).find((d) => d.correlationId === correlationId)?.state).to.equal('delivered');
  });

  it('SSEK receiver: a reused TxId is refused with ssek:TxIdInvalid, an unsigned message with wsse:InvalidSecurity', async () => {
    const agent = tp.mtlsAgent(SENDER);
    const adapter = tp.identity('SE5565594230-ADPT');
    const txId = randomUUID();
    const message = signedSsekEnvelope({ sender: { id: '165565594230', type: 'ORGNR' }, receiver: { id: SSEK_ID, type: 'ORGNR' }, txId }, registerCertificate().payload, { certPem: adapter.cert, keyPem: adapter.key }, DEFAULT_SSEK_ALGORITHMS);
    const post = async (body: string) => {
      const res = await request(receiver.url + SSEK_SERVICE_PATH, { method: 'POST', headers: { 'content-type': 'text/xml; charset=UTF-8' }, body, dispatcher: agent });
      return { status: res.statusCode, text: await res.body.text() };
    };
    expect((await post(message)).status).to.equal(200);
    const reused = await post(message);
    expect(reused.status).to.equal(500);
    expect(reused.text).to.include(`<faultcode>ssek:TxIdInvalid</faultcode><faultstring>TxId ${txId} has already been used; a new message needs a new TxId</faultstring>`);
    const unsigned = await post(message.replace(/<wsse:Security[\s\S]*<\/wsse:Security>/, '').replace(txId, randomUUID()));
    expect(unsigned.text).to.include('<faultcode>wsse:InvalidSecurity</faultcode><faultstring>Signature check failed: the message has no wsse:Security header</faultstring>');
  });
});
