import { expect } from 'chai';
import { readEnvelope } from '../../../src/vp/steps/read-envelope.js';
import { ConsumerGoneError } from '../../../src/vp/body-errors.js';
import type { VpExchange } from '../../../src/vp/exchange.js';
import { CONTRACT, HSA, rivCall } from '../../support/soap.js';
import { expectFault, fakeExchange, fakeHub, requestStream, type FakeHub } from './step-fixtures.js';

const READ_FAULT = 'The request could not be read properly. ';
const BP21 = rivCall(HSA.careUnit);
const PAYLOAD_START = BP21.indexOf('<GetSubjectOfCareSchedule');
/** where the payload's start tag ends: the reader knows the contract there */
const PAYLOAD_TAG_END = BP21.indexOf('>', PAYLOAD_START) + 1;

/** An exchange whose consumer sends `chunks`, announcing `declared` bytes (the sum of the chunks unless given). */
function sending(chunks: (string | Buffer)[], o: { declared?: number; end?: boolean } = {}): VpExchange {
  const declared = o.declared ?? chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  return fakeExchange({ req: requestStream(chunks, { end: o.end }), headers: { 'content-length': String(declared) } });
}

async function read(ex: VpExchange, o: FakeHub = {}): Promise<VpExchange> {
  await readEnvelope(ex, fakeHub(o));
  return ex;
}

const summary = (ex: VpExchange): Record<string, unknown> => {
  const { namespace, logicalAddress, profile, complete, rawLength, sourceEncoding } = ex.envelope!;
  return { namespace, logicalAddress, profile, complete, rawLength, sourceEncoding };
};

describe('hub step: read envelope', () => {
  it('takes the contract, the logical address and BP 2.1 from a request read in one chunk', async () => {
    const ex = await read(sending([BP21]));
    expect(summary(ex)).to.deep.equal({ namespace: CONTRACT.getSchedule, logicalAddress: HSA.careUnit, profile: 'RIVTABP21', complete: true, rawLength: Buffer.byteLength(BP21), sourceEncoding: undefined });
    expect(ex.envelope!.bytes.toString()).to.equal(BP21);
  });

  it('reads the logical address of a BP 2.0 request from wsa:To', async () => {
    const ex = await read(sending([rivCall(HSA.careUnit, { profile: 'RIVTABP20' })]));
    expect([ex.envelope!.logicalAddress, ex.envelope!.profile]).to.deep.equal([HSA.careUnit, 'RIVTABP20']);
  });

  it('reads the same from a request cut into small chunks, up to the chunk that holds the payload start tag', async () => {
    const chunks = BP21.match(/[^]{1,37}/g)!;
    const readLength = Math.ceil(PAYLOAD_TAG_END / 37) * 37;
    const ex = await read(sending(chunks));
    expect(summary(ex)).to.deep.equal({ namespace: CONTRACT.getSchedule, logicalAddress: HSA.careUnit, profile: 'RIVTABP21', complete: false, rawLength: readLength, sourceEncoding: undefined });
    expect(ex.envelope!.bytes.toString()).to.equal(BP21.slice(0, readLength));
  });

  it('stops at the first element inside Body and keeps what it read, leaving the rest of the request unread', async () => {
    const first = BP21.slice(0, PAYLOAD_TAG_END);
    const rest = BP21.slice(PAYLOAD_TAG_END);
    const ex = sending([first.slice(0, 40), first.slice(40), rest], { end: false });
    await read(ex);
    expect(summary(ex)).to.deep.equal({ namespace: CONTRACT.getSchedule, logicalAddress: HSA.careUnit, profile: 'RIVTABP21', complete: false, rawLength: Buffer.byteLength(first), sourceEncoding: undefined });
    expect(ex.envelope!.bytes.toString()).to.equal(first);
    expect(ex.req.isPaused()).to.equal(true);
  });

  it('keeps the receiver untrimmed, and the last of several', async () => {
    const xml = BP21.replace('</soapenv:Header>', '<To xmlns="http://www.w3.org/2005/08/addressing"> SE-LAST </To></soapenv:Header>');
    const ex = await read(sending([xml]));
    expect([ex.envelope!.logicalAddress, ex.envelope!.profile]).to.deep.equal([' SE-LAST ', 'RIVTABP20']);
  });

  it('refuses a request whose Content-Length is over the limit with VP015 before reading it', async () => {
    const ex = sending([BP21], { declared: 5000 });
    await expectFault(() => read(ex, { settings: { 'vp.maxBodyBytes': 4000 } }), 'VP015', `${READ_FAULT}Request body of 5000 bytes is larger than the limit of 4000 bytes`);
    expect(ex.envelope).to.equal(undefined);
  });

  it('refuses a request that grows over the limit before its first Body child with VP015', async () => {
    const padded = BP21.replace('<soapenv:Body>', `<!--${'x'.repeat(600)}--><soapenv:Body>`);
    const ex = fakeExchange({ req: requestStream(padded.match(/[^]{1,100}/g)!) });
    await expectFault(() => read(ex, { settings: { 'vp.maxBodyBytes': 500 } }), 'VP015', `${READ_FAULT}Request body is larger than the limit of 500 bytes`);
  });

  it('refuses a root element that is not a SOAP 1.1 Envelope with VP015 naming it', async () => {
    await expectFault(() => read(sending(['<order xmlns="urn:shop"><item/></order>'])), 'VP015', `${READ_FAULT}not a SOAP 1.1 envelope: {urn:shop}order`);
  });

  it('refuses a Body without a payload element with VP015', async () => {
    const empty = BP21.slice(0, PAYLOAD_START) + '</soapenv:Body></soapenv:Envelope>';
    await expectFault(() => read(sending([empty])), 'VP015', `${READ_FAULT}SOAP Body has no payload element`);
  });

  it('refuses a DOCTYPE with VP015', async () => {
    const withDoctype = BP21.replace('?>', '?><!DOCTYPE x [<!ENTITY e "e">]>');
    await expectFault(() => read(sending([withDoctype])), 'VP015', `${READ_FAULT}DOCTYPE is not allowed`);
  });

  it('refuses a declared encoding it cannot read with VP015 saying what to send', async () => {
    const sjis = BP21.replace('encoding="UTF-8"', 'encoding="Shift_JIS"');
    await expectFault(() => read(sending([sjis])), 'VP015', `${READ_FAULT}encoding Shift_JIS is not supported; send UTF-8 or a single-byte encoding such as ISO-8859-1`);
  });

  it('converts an ISO-8859-1 request to UTF-8, declaring UTF-8, and keeps its encoding for the answer', async () => {
    const latin1 = BP21.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('>x<', '>Vårdcentral<');
    const ex = await read(sending([Buffer.from(latin1, 'latin1')]));
    expect(summary(ex)).to.deep.equal({ namespace: CONTRACT.getSchedule, logicalAddress: HSA.careUnit, profile: 'RIVTABP21', complete: true, rawLength: Buffer.byteLength(latin1, 'latin1'), sourceEncoding: 'ISO-8859-1' });
    expect(ex.envelope!.bytes.toString('utf8')).to.equal(latin1.replace('encoding="ISO-8859-1"', 'encoding="UTF-8"'));
  });

  it('converts a UTF-16 request with a byte order mark to UTF-8, declaring UTF-8', async () => {
    const utf16 = BP21.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]);
    const ex = await read(sending([bytes]));
    expect(summary(ex)).to.deep.equal({ namespace: CONTRACT.getSchedule, logicalAddress: HSA.careUnit, profile: 'RIVTABP21', complete: true, rawLength: bytes.length, sourceEncoding: 'UTF-16' });
    expect(ex.envelope!.bytes.toString('utf8')).to.equal(BP21);
  });

  it('reads UTF-8 bytes that declare UTF-16 as UTF-8, and sends them declaring UTF-8', async () => {
    const mislabelled = BP21.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const ex = await read(sending([mislabelled]));
    expect(summary(ex)).to.deep.equal({ namespace: CONTRACT.getSchedule, logicalAddress: HSA.careUnit, profile: 'RIVTABP21', complete: true, rawLength: Buffer.byteLength(mislabelled), sourceEncoding: undefined });
    expect(ex.envelope!.bytes.toString()).to.equal(BP21);
  });

  it('refuses UTF-16 bytes that declare another encoding with VP015', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BP21.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'utf16le')]);
    await expectFault(() => read(sending([bytes])), 'VP015', `${READ_FAULT}encoding ISO-8859-1 is declared, but the request's bytes are UTF-16`);
  });

  it('fails with ConsumerGoneError when the consumer goes away before the first Body child', async () => {
    const ex = sending([BP21.slice(0, 60)], { declared: Buffer.byteLength(BP21), end: false });
    const pending = readEnvelope(ex, fakeHub());
    (ex.req as unknown as NodeJS.ReadableStream & { destroy(): void }).destroy();
    const failure = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).to.be.instanceOf(ConsumerGoneError);
    expect((failure as ConsumerGoneError).code).to.equal('NTJP_ERR_CONSUMER_GONE');
  });
});
