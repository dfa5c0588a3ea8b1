/**
 * RIV → SHS through the hub and the SHS adapter to the reference SHS receiver, on real sockets: synch and
 * asynch delivery with the receipt fetched from the receiver's delivery service, and every failure a RIV
 * caller can meet (no mapping, receiver down, an SHS error code, a duplicate), each with its traffic entry.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { TestPlatform } from '../support/platform.js';
import { shsReceiverSystem } from '../../src/services/shs-receiver/shs-receiver-system.js';
import { CERTIFICATE_PRODUCTS } from '../../src/services/shs-receiver/shs-products.js';
import type { RunningReferenceSystem } from '../../src/services/reference-system.js';
import { decodeShsMessage, encodeShsMessage, xmlPart, type AdaptersApi } from '../../src/adapters/index.js';
import type { VpApi } from '../../src/vp/index.js';
import { CERT_NS, adapterCatalogue, adapterPlatform, receivedIds, registerCertificate, send, systemEnv } from './support.js';

const AUTHORITY = '2021005521';
const NAME = 'shs-authority';
const REGISTER_PRODUCT = CERTIFICATE_PRODUCTS[CERT_NS.registerCertificate]!;
const ASYNCH_ANSWER = `<r:RegisterCertificateResponse xmlns:r="${CERT_NS.registerCertificate}" xmlns:c="${CERT_NS.core}"><r:result><c:resultCode>INFO</c:resultCode></r:result></r:RegisterCertificateResponse>`;

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('RIV → SHS through the SHS adapter (reference SHS receiver)', function () {
  this.timeout(30000);
  let tp: TestPlatform;
  let dataDir: string;
  let receiver: RunningReferenceSystem;
  const traffic = () => tp.ctx.use<VpApi>('vp').traffic;
  const leg = (correlationId: string) => traffic().list({ limit: 50 }).find((e) => e.correlationId === correlationId && e.leg === 'SHS');

  before(async () => {
    tp = await adapterPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-shs-'));
    receiver = await shsReceiverSystem({ name: NAME, hsaId: 'SE2021005521-FK01', description: 'test authority', careUnits: [{ hsaId: AUTHORITY, name: 'FK' }] }).start(systemEnv(tp, dataDir));
  });
  after(async () => {
    await receiver?.close();
    await tp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const mapping = (over: Record<string, string> = {}) => ({ logicalAddress: AUTHORITY, namespace: CERT_NS.registerCertificate, format: 'SHS' as const, url: `${receiver.url}/shs`, receiverId: AUTHORITY, product: REGISTER_PRODUCT, ...over });

  it('delivers synchronously: the reply message\'s data part is the RIV answer, and the leg is logged', async () => {
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], [mapping({ transfer: 'synch' })]);
    const cert = registerCertificate();
    const correlationId = randomUUID();
    const answer = await send(tp, AUTHORITY, cert.payload, correlationId);
    expect(answer.status).to.equal(200);
    expect(answer.envelope!.payload!.name).to.equal('RegisterCertificateResponse');
    expect(answer.body).to.include('<c:resultCode>OK</c:resultCode>');
    expect(receivedIds(dataDir, NAME)).to.include(cert.id);
    expect(leg(correlationId)).to.deep.include({ outcome: 'ok', sender: '5565594230', receiver: AUTHORITY, httpStatus: 200, producerUrl: `${receiver.url}/shs` });
  });

  it('delivers asynchronously: the mapping\'s answer at once, then the confirm fetched from the delivery service and acknowledged', async () => {
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], [mapping({ transfer: 'asynch', asynchAnswer: ASYNCH_ANSWER })]);
    const correlationId = randomUUID();
    const answer = await send(tp, AUTHORITY, registerCertificate().payload, correlationId);
    expect(answer.status).to.equal(200);
    expect(answer.headers['x-ntjp-adapter-receipt']).to.equal('pending');
    expect(answer.envelope!.payload!.name).to.equal('RegisterCertificateResponse');
    const adapters = tp.ctx.use<AdaptersApi>('adapters');
    const receipts: unknown[] = [];
    const stop = adapters.onReceipt((r) => receipts.push(r));
    expect((await adapters.deliveries()).find((d) => d.correlationId === correlationId)?.state).to.equal('awaiting-receipt');
    await adapters.pollReceipts();
    stop();
    expect(receipts).to.deep.equal([{ correlationId, format: 'SHS', receiver: AUTHORITY, outcome: 'confirmed' }]);
    expect((await adapters.deliveries()).find((d) => d.correlationId === correlationId)?.state).to.equal('confirmed');
    const list = await request(`${receiver.url}/shs/ds/urn:X-shs:5565594230?filter=noack`, { dispatcher: tp.mtlsAgent('SE5565594230-ADPT') });
    expect(await list.body.text()).not.to.include(`corr.id="${correlationId}"`);
  });

  it('turns the receiver\'s error message into a receipt with the SHS code and reason, logged as NTJP-ADAPTER003', async () => {
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], [mapping({ transfer: 'asynch', asynchAnswer: ASYNCH_ANSWER })]);
    const correlationId = randomUUID();
    const tampered = registerCertificate().payload.replace('Tolvan', 'Tolvan Tampered');
    await send(tp, AUTHORITY, tampered, correlationId);
    const adapters = tp.ctx.use<AdaptersApi>('adapters');
    const receipts: Array<{ outcome: string; reason?: string }> = [];
    const stop = adapters.onReceipt((r) => receipts.push(r));
    await adapters.pollReceipts();
    stop();
    expect(receipts[0]).to.deep.include({ outcome: 'error', reason: 'IllegalDatapartContent: VALIDATION_ERROR: Signature check failed: the signature does not match the certificate content' });
    expect(traffic().list({ faultCode: 'NTJP-ADAPTER003', limit: 5 }).find((e) => e.correlationId === correlationId)?.detail).to.equal(
      `The SHS receiver at ${receiver.url}/shs refused the message with SHS error IllegalDatapartContent: VALIDATION_ERROR: Signature check failed: the signature does not match the certificate content`,
    );
  });

  it('answers a call without a format mapping with NTJP-ADAPTER001 and logs the reason', async () => {
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], []);
    const correlationId = randomUUID();
    const answer = await send(tp, AUTHORITY, registerCertificate().payload, correlationId);
    expect(answer.status).to.equal(500);
    expect(answer.envelope!.fault).to.deep.include({
      code: 'soapenv:Client',
      string: `NTJP-ADAPTER001 [NTJP-EMULATOR] No SHS format mapping in the catalogue for logical address ${AUTHORITY} and contract ${CERT_NS.registerCertificate}.`,
    });
    expect(leg(correlationId)).to.deep.include({ outcome: 'adapter-fault', faultCode: 'NTJP-ADAPTER001' });
    expect(traffic().list({ limit: 50 }).find((e) => e.correlationId === correlationId && !e.leg)).to.deep.include({ outcome: 'producer-fault', httpStatus: 500 });
  });

  it('answers NTJP-ADAPTER002 naming the receiver when it cannot be reached, and the call may be sent again', async () => {
    const down = `https://127.0.0.1:${await closedPort()}/shs`;
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], [mapping({ url: down, transfer: 'synch' })]);
    const correlationId = randomUUID();
    const answer = await send(tp, AUTHORITY, registerCertificate().payload, correlationId);
    expect(answer.envelope!.fault!.string).to.match(new RegExp(`^NTJP-ADAPTER002 \\[NTJP-EMULATOR\\] The SHS receiver at ${down}/rs could not be reached: ECONNREFUSED: `));
    expect(leg(correlationId)).to.deep.include({ faultCode: 'NTJP-ADAPTER002', producerUrl: down });
    expect((await tp.ctx.use<AdaptersApi>('adapters').deliveries()).find((d) => d.correlationId === correlationId)?.state).to.equal('failed');
  });

  it('answers the receiver\'s SHS error code (HTTP 400, X-shs-errorcode) as NTJP-ADAPTER003 naming the code', async () => {
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], [mapping({ receiverId: '2021000000', transfer: 'synch' })]);
    const cert = registerCertificate();
    const correlationId = randomUUID();
    const answer = await send(tp, AUTHORITY, cert.payload, correlationId);
    const text = `The SHS receiver at ${receiver.url}/shs/rs refused the message with SHS error UnknownReceiver: urn:X-shs:2021000000 is not an actor of this node (urn:X-shs:${AUTHORITY})`;
    expect(answer.envelope!.fault).to.deep.include({ code: 'soapenv:Server', string: `NTJP-ADAPTER003 [NTJP-EMULATOR] ${text}` });
    expect(leg(correlationId)).to.deep.include({ faultCode: 'NTJP-ADAPTER003', detail: text });
    expect(receivedIds(dataDir, NAME)).not.to.include(cert.id);
  });

  it('refuses a second delivery under the same correlation id with NTJP-ADAPTER006; the receiver holds the certificate once', async () => {
    adapterCatalogue(tp, [{ logicalAddress: AUTHORITY, format: 'SHS' }], [mapping({ transfer: 'synch' })]);
    const cert = registerCertificate();
    const correlationId = randomUUID();
    expect((await send(tp, AUTHORITY, cert.payload, correlationId)).status).to.equal(200);
    const again = await send(tp, AUTHORITY, cert.payload, correlationId);
    const txId = (await tp.ctx.use<AdaptersApi>('adapters').deliveries()).find((d) => d.correlationId === correlationId)!.txId;
    expect(again.envelope!.fault).to.deep.include({ code: 'soapenv:Client', string: `NTJP-ADAPTER006 [NTJP-EMULATOR] Duplicate: correlation id ${correlationId} was already delivered to ${AUTHORITY} as tx id ${txId}; it is not sent again.` });
    expect(leg(correlationId)).to.deep.include({ faultCode: 'NTJP-ADAPTER006' });
    expect(receivedIds(dataDir, NAME).filter((id) => id === cert.id)).to.have.length(1);
  });

  it('receive service: a repeated tx.id gets the first arrival with X-shs-duplicatemsg yes and is not processed again', async () => {
    const cert = registerCertificate();
    const message = encodeShsMessage({
      label: { txId: randomUUID(), corrId: randomUUID(), transferType: 'asynch', sequenceType: 'event', status: 'production', from: '5565594230', to: AUTHORITY, product: REGISTER_PRODUCT, datetime: new Date().toISOString(), contentId: randomUUID(), data: [] },
      parts: [{ datapartType: 'xml', filename: 'req.xml', contentType: 'application/xml', content: Buffer.from(cert.payload) }],
    });
    const post = async () => request(`${receiver.url}/shs/rs`, { method: 'POST', headers: { 'content-type': message.contentType }, body: message.body, dispatcher: tp.mtlsAgent('SE5565594230-ADPT') });
    const first = await post();
    const second = await post();
    expect([first.statusCode, second.statusCode]).to.deep.equal([202, 202]);
    expect([first.headers['x-shs-duplicatemsg'], second.headers['x-shs-duplicatemsg']]).to.deep.equal(['no', 'yes']);
    expect(second.headers['x-shs-arrivaldate']).to.equal(first.headers['x-shs-arrivaldate']);
    expect(await second.body.text()).to.equal(await first.body.text());
    expect(receivedIds(dataDir, NAME).filter((id) => id === cert.id)).to.have.length(1);
  });

  it('receive service: the synch reply is a label with sequence-type reply and the RIV answer as xml data part', async () => {
    const corrId = randomUUID();
    const txId = randomUUID();
    const message = encodeShsMessage({
      label: { txId, corrId, transferType: 'synch', sequenceType: 'request', status: 'production', from: '5565594230', to: AUTHORITY, product: REGISTER_PRODUCT, datetime: new Date().toISOString(), contentId: randomUUID(), data: [] },
      parts: [{ datapartType: 'xml', filename: 'req.xml', contentType: 'application/xml', content: Buffer.from(registerCertificate().payload) }],
    });
    const res = await request(`${receiver.url}/shs/rs`, { method: 'POST', headers: { 'content-type': message.contentType }, body: message.body, dispatcher: tp.mtlsAgent('SE5565594230-ADPT') });
    const reply = decodeShsMessage(String(res.headers['content-type']), Buffer.from(await res.body.arrayBuffer()));
    expect(reply.label).to.deep.include({ txId, corrId, sequenceType: 'reply', transferType: 'synch', from: AUTHORITY, to: '5565594230' });
    expect(xmlPart(reply)).to.include('<c:resultCode>OK</c:resultCode>');
  });
});
