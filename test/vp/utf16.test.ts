import { expect } from 'chai';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { fromUtf8 } from '../../src/vp/charset.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

const UTF8_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** Characters from Latin-1, beyond it, and beyond the BMP (a surrogate pair in UTF-16). */
const FACILITY = 'Vårdcentralen Åby – Ω 😀';

/** A request as text, its declaration naming `declared` (none: a declaration without an encoding). */
function requestText(address: string, declared: string | undefined, profile?: 'RIVTABP20'): string {
  const xml = rivCall(address, { inner: `<healthcare_facility>${FACILITY}</healthcare_facility>`, profile });
  return xml.replace(UTF8_DECLARATION, declared ? `<?xml version="1.0" encoding="${declared}"?>` : '<?xml version="1.0"?>');
}

type ByteOrder = 'LE' | 'BE';

function utf16(text: string, order: ByteOrder, mark: boolean): Buffer {
  const le = Buffer.from(`${mark ? '\uFEFF' : ''}${text}`, 'utf16le');
  return order === 'BE' ? le.swap16() : le;
}

/** The answer as the consumer must get it in `name`: as Java writes that name (plain UTF-16: big-endian after a mark). */
function expectedAnswer(text: string, name: string): Buffer {
  const redeclared = text.replace(UTF8_DECLARATION, `<?xml version="1.0" encoding="${name}"?>`);
  return name === 'UTF-16' ? utf16(redeclared, 'BE', true) : utf16(redeclared, name === 'UTF-16LE' ? 'LE' : 'BE', false);
}

interface Utf16Case {
  title: string;
  order: ByteOrder;
  mark: boolean;
  /** charset of the Content-Type (none: `text/xml` alone) */
  contentType?: string;
  /** encoding of the XML declaration (none: a declaration without one) */
  declared?: string;
  /** the charset the answer comes back in */
  answer: string;
}

const UTF16_CASES: Utf16Case[] = [
  { title: 'UTF-16LE with a byte order mark, declared UTF-16 in the Content-Type and the XML declaration', order: 'LE', mark: true, contentType: 'UTF-16', declared: 'UTF-16', answer: 'UTF-16' },
  { title: 'UTF-16BE with a byte order mark, declared only in the Content-Type', order: 'BE', mark: true, contentType: 'UTF-16', answer: 'UTF-16' },
  { title: 'UTF-16BE with a byte order mark, declared nowhere', order: 'BE', mark: true, answer: 'UTF-16' },
  { title: 'UTF-16LE without a byte order mark, declared only in the XML declaration', order: 'LE', mark: false, declared: 'UTF-16', answer: 'UTF-16LE' },
  { title: 'UTF-16BE without a byte order mark, declared nowhere (told from the <?xml bytes)', order: 'BE', mark: false, answer: 'UTF-16BE' },
  { title: 'UTF-16LE without a byte order mark, declared UTF-16LE in both', order: 'LE', mark: false, contentType: 'UTF-16LE', declared: 'UTF-16LE', answer: 'UTF-16LE' },
];

interface MislabelledCase {
  title: string;
  contentType: string;
  declared: string;
}

const MISLABELLED_CASES: MislabelledCase[] = [
  { title: 'UTF-8 bytes declared UTF-16 in the XML declaration and the Content-Type', contentType: 'UTF-16', declared: 'UTF-16' },
  { title: 'UTF-8 bytes declared UTF-16 in the XML declaration only', contentType: 'UTF-8', declared: 'UTF-16' },
  { title: 'UTF-8 bytes declared UTF-16LE in the XML declaration only', contentType: 'UTF-8', declared: 'UTF-16LE' },
  { title: 'UTF-8 bytes declared UTF-16 in the Content-Type only', contentType: 'UTF-16', declared: 'UTF-8' },
];

describe('hub requests in UTF-16, and UTF-8 requests labelled UTF-16', function () {
  this.timeout(20000);
  let p: TestPlatform;
  let producer: TestProducer;
  /** what reached the producer, byte for byte */
  const received: Array<{ bytes: Buffer; contentType: string | undefined }> = [];

  before(async () => {
    producer = await startProducer(
      async (call, _res, req) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const bytes = Buffer.concat(chunks);
        received.push({ bytes, contentType: call.headers['content-type'] });
        return { body: rivAnswer(undefined, `<echo>${/<healthcare_facility>([^<]*)</.exec(bytes.toString('utf8'))?.[1] ?? ''}</echo>`) };
      },
      { readBody: false },
    );
    p = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, producer.url), route('BP20', producer.url, { profile: 'RIVTABP20' })], [permission(HSA.careUnit), permission('BP20')]),
    });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  const LISTENERS: Record<string, (body: Buffer | Readable, contentType: string) => ReturnType<typeof request>> = {
    'mutual TLS': (body, contentType) =>
      request(p.hubHttpsUrl, { method: 'POST', body, headers: { 'content-type': contentType }, dispatcher: p.mtlsAgent(HSA.consumer) }),
    HTTP: (body, contentType) =>
      request(p.hubHttpUrl, { method: 'POST', body, headers: { 'content-type': contentType, 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } }),
  };
  const contentTypeOf = (charset: string | undefined): string => (charset ? `text/xml; charset=${charset}` : 'text/xml');
  /** The producer's answer for this test's request, as it wrote it (UTF-8). */
  const producerAnswer = (): string => rivAnswer(undefined, `<echo>${FACILITY}</echo>`);

  for (const [listener, post] of Object.entries(LISTENERS)) {
    describe(`on the ${listener} listener`, () => {
      for (const c of UTF16_CASES) {
        it(`${c.title}: the producer gets UTF-8, the answer comes back in ${c.answer}`, async () => {
          const before = received.length;
          const res = await post(utf16(requestText(HSA.careUnit, c.declared), c.order, c.mark), contentTypeOf(c.contentType));
          const answer = Buffer.from(await res.body.arrayBuffer());
          expect(res.statusCode, answer.toString('utf8')).to.equal(200);
          expect(received).to.have.length(before + 1);
          const sent = received.at(-1)!;
          const expected = requestText(HSA.careUnit, c.declared ? 'UTF-8' : undefined);
          expect(sent.bytes.toString('utf8')).to.equal(expected);
          expect(Buffer.compare(sent.bytes, Buffer.from(expected))).to.equal(0);
          expect(sent.contentType).to.equal('text/xml;charset=UTF-8');
          expect(res.headers['content-type']).to.equal(`text/xml; charset=${c.answer}`);
          expect(answer.toString('hex')).to.equal(expectedAnswer(producerAnswer(), c.answer).toString('hex'));
        });
      }

      for (const c of MISLABELLED_CASES) {
        it(`${c.title}: read as UTF-8, the producer gets it declaring UTF-8, the answer comes back in UTF-8`, async () => {
          const before = received.length;
          const res = await post(Buffer.from(requestText(HSA.careUnit, c.declared)), contentTypeOf(c.contentType));
          const answer = await res.body.text();
          expect(res.statusCode, answer).to.equal(200);
          expect(received).to.have.length(before + 1);
          const sent = received.at(-1)!;
          const expected = requestText(HSA.careUnit, 'UTF-8');
          expect(sent.bytes.toString('utf8')).to.equal(expected);
          expect(Buffer.compare(sent.bytes, Buffer.from(expected))).to.equal(0);
          expect(sent.contentType).to.equal('text/xml;charset=UTF-8');
          expect(res.headers['content-type']).to.equal('text/xml; charset=UTF-8');
          expect(answer).to.equal(producerAnswer());
        });
      }
    });
  }

  it('converts a streamed UTF-16 request whose chunks cut a byte pair and a surrogate pair, with the RIV profile converted on top', async () => {
    const text = requestText('BP20', 'UTF-16').replace(FACILITY, FACILITY.repeat(20_000));
    const whole = utf16(text, 'LE', true);
    const emoji = whole.indexOf(Buffer.from('😀', 'utf16le'));
    const cuts = [7, emoji + 2, whole.length - 101];
    const chunks = [whole.subarray(0, cuts[0]), whole.subarray(cuts[0], cuts[1]), whole.subarray(cuts[1], cuts[2]), whole.subarray(cuts[2])];
    const res = await LISTENERS.HTTP!(Readable.from(chunks), 'text/xml; charset=UTF-16');
    const answer = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/xml; charset=UTF-16');
    const sent = parseEnvelope(received.at(-1)!.bytes.toString('utf8'));
    expect(sent.header!.children[0]!.name).to.equal('To');
    expect(sent.payload!.children[0]!.text).to.equal(FACILITY.repeat(20_000));
    expect(answer.subarray(0, 2).toString('hex')).to.equal('feff');
    expect(parseEnvelope(answer.subarray(2).swap16().toString('utf16le')).payload!.children[0]!.text).to.equal(FACILITY.repeat(20_000));
  });

  it('refuses a UTF-16 request whose declaration names another encoding with VP015', async () => {
    const before = received.length;
    const res = await LISTENERS.HTTP!(utf16(requestText(HSA.careUnit, 'UTF-8'), 'LE', true), 'text/xml');
    const body = await res.body.text();
    expect(res.statusCode).to.equal(500);
    expect(body).to.include('VP015').and.include("encoding UTF-8 is declared, but the request's bytes are UTF-16");
    expect(received).to.have.length(before);
  });
});

describe('answers written in UTF-16 (src/vp/charset.ts)', () => {
  it('writes each UTF-16 name as Java does, keeping a UTF-8 character cut between two chunks whole', () => {
    const text = `${UTF8_DECLARATION}<a>Å 😀</a>`;
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('😀')) + 2;
    for (const name of ['UTF-16', 'UTF-16LE', 'UTF-16BE']) {
      const convert = fromUtf8(name);
      const out = Buffer.concat([convert(bytes.subarray(0, cut)), convert(bytes.subarray(cut))]);
      expect(out.toString('hex'), name).to.equal(expectedAnswer(text, name).toString('hex'));
    }
  });

  it("drops the producer's UTF-8 byte order mark instead of writing it before the declaration", () => {
    const out = fromUtf8('UTF-16LE')(Buffer.from(`\uFEFF${UTF8_DECLARATION}<a/>`));
    expect(out.toString('utf16le')).to.equal('<?xml version="1.0" encoding="UTF-16LE"?><a/>');
  });
});
