import { expect } from 'chai';
import { request } from 'undici';
import { Readable } from 'node:stream';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

const LATIN1_DECL = '<?xml version="1.0" encoding="ISO-8859-1"?>';
const latin1Call = (address: string, text: string, profile?: 'RIVTABP20'): Buffer =>
  Buffer.from(rivCall(address, { inner: `<healthcare_facility>${text}</healthcare_facility>`, profile }).replace('<?xml version="1.0" encoding="UTF-8"?>', LATIN1_DECL), 'latin1');

describe('hub requests in single-byte encodings (ISO-8859-1, windows-1252)', function () {
  let p: TestPlatform;
  let producer: TestProducer;

  before(async () => {
    producer = await startProducer((call) => ({ body: rivAnswer(undefined, `<echo>${/<healthcare_facility>([^<]*)</.exec(call.body)?.[1] ?? ''}</echo><euro>€</euro><omega>Ω</omega>`) }));
    p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url), route('BP20', producer.url, { profile: 'RIVTABP20' })], [permission(HSA.careUnit), permission('BP20')]) });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  const post = (body: Buffer | Readable, charset = 'ISO-8859-1') =>
    request(p.hubHttpUrl, { method: 'POST', body, headers: { 'content-type': `text/xml; charset=${charset}`, 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });

  /** Posts a request in `charset`; the producer must get it as UTF-8 with `facility`, and the answer comes back in `charset`. */
  const roundTrip = async (body: Buffer, charset: string, facility: string): Promise<Buffer> => {
    const res = await post(body, charset);
    const bytes = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.equal(`text/xml; charset=${charset}`);
    const sent = producer.calls.at(-1)!.body;
    expect(sent.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).to.equal(true);
    expect(sent).to.include(`<healthcare_facility>${facility}</healthcare_facility>`);
    return bytes;
  };

  it('sends a Latin-1 request to the producer as UTF-8 and converts the answer back', async () => {
    const bytes = await roundTrip(latin1Call(HSA.careUnit, 'Vårdcentralen Åby'), 'ISO-8859-1', 'Vårdcentralen Åby');
    const answer = bytes.toString('latin1');
    expect(answer.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).to.equal(true);
    expect(answer).to.include('<echo>Vårdcentralen Åby</echo>').and.include('<euro>&#8364;</euro>');
    expect(parseEnvelope(answer).payload!.children.map((c) => c.text)).to.deep.equal(['Vårdcentralen Åby', '€', 'Ω']);
  });

  it('converts windows-1252 both ways: € is one byte there, a character it lacks goes back as a reference', async () => {
    const decl = '<?xml version="1.0" encoding="windows-1252"?>';
    const xml = rivCall(HSA.careUnit, { inner: '<healthcare_facility>Pris 5 € – Åby</healthcare_facility>' }).replace('<?xml version="1.0" encoding="UTF-8"?>', decl);
    const bytes = await roundTrip(Buffer.from(xml.replace(/[€–]/g, (c) => (c === '€' ? '\x80' : '\x96')), 'latin1'), 'windows-1252', 'Pris 5 € – Åby');
    expect(bytes.toString('latin1').startsWith(decl)).to.equal(true);
    expect(bytes.includes(Buffer.from('<euro>\x80</euro>', 'latin1'))).to.equal(true);
    // Compared as bytes: Node 20's own TextDecoder reads windows-1252 as Latin-1.
    expect(bytes.includes(Buffer.from('<echo>Pris 5 \x80 \x96 \xc5by</echo>', 'latin1'))).to.equal(true);
    expect(bytes.toString('latin1')).to.include('<omega>&#937;</omega>');
  });

  it('converts the streamed rest of a larger Latin-1 request, and the RIV profile on top', async () => {
    const text = 'å'.repeat(200_000);
    const whole = latin1Call('BP20', text);
    const cut = whole.indexOf('<healthcare_facility>') + 30;
    const res = await post(Readable.from([whole.subarray(0, cut), whole.subarray(cut)]));
    await res.body.arrayBuffer();
    expect(res.statusCode).to.equal(200);
    const sent = parseEnvelope(producer.calls.at(-1)!.body);
    expect(sent.header!.children[0]!.name).to.equal('To');
    expect(sent.payload!.children[0]!.text).to.equal(text);
  });
});
