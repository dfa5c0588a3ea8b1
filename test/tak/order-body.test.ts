import { expect } from 'chai';
import { request } from 'undici';
import { bookingOrder } from './fixtures.js';
import { TOKEN, startTakPlatform, type TakPlatform } from './platform-fixture.js';

interface Answer {
  status: number;
  type: string | undefined;
  json: unknown;
}

/** Bodies the JSON parser refuses, each refused for another reason. */
const MALFORMED_BODIES = ['{"plattform": ', '{"a": 1}x', '[1, 2', '123', '  "text"', 'true', '  ', 'null', '{"a": "\u00e5\u00e4\u00f6", }'];

describe('TAK order body read in the worker thread', () => {
  let t: TakPlatform;
  before(async () => (t = await startTakPlatform()));
  after(async () => t.close());

  const post = async (path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await request(`http://127.0.0.1:${new URL(t.platform.adminUrl).port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });
    const text = await res.body.text();
    return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, json: JSON.parse(text) };
  };

  for (const body of MALFORMED_BODIES) {
    it(`refuses the body ${JSON.stringify(body)} exactly as the admin server's JSON parser refuses it on another route`, async () => {
      const parsedOnMainThread = await post('/api/tak/publish', body);
      expect(parsedOnMainThread.status).to.equal(400);
      expect(await post('/api/tak/orders?dryRun=true', body)).to.deep.equal(parsedOnMainThread);
    });
  }

  it('names the malformed part of an order body with NTJP_ERR_BAD_BODY', async () => {
    expect(await post('/api/tak/orders', '{"plattform": ')).to.deep.equal({
      status: 400, type: 'application/json; charset=utf-8',
      json: { code: 'NTJP_ERR_BAD_BODY', message: 'Malformed request body: Unexpected end of JSON input' },
    });
    expect((await post('/api/tak/orders', '123')).json).to.deep.equal({ code: 'NTJP_ERR_BAD_BODY', message: 'Malformed request body: Unexpected token \'1\', "123" is not valid JSON' });
  });

  it('checks an empty body as the empty order, a body of another type as no order, and JSON of the wrong shape with TAK_ERR_BAD_INPUT naming the field', async () => {
    const problems = ['genomforandeTidpunkt: required, a date or ISO timestamp (got undefined)', 'inkludera: required, an object of lists', 'exkludera: required, an object of lists'];
    const empty = { status: 400, type: 'application/json; charset=utf-8', json: { code: 'TAK_ERR_VALIDATION', message: `The change is invalid: ${problems.join('; ')}`, problems } };
    expect(await post('/api/tak/orders', '{}')).to.deep.equal(empty);
    expect(await post('/api/tak/orders', '')).to.deep.equal(empty);
    const notJson = await post('/api/tak/orders', '{"a":', { 'content-type': 'text/plain' });
    expect(notJson.json).to.deep.equal({ code: 'TAK_ERR_VALIDATION', message: 'The change is invalid: the order must be a JSON object', problems: ['the order must be a JSON object'] });
    expect((await post('/api/tak/orders', JSON.stringify({ ...bookingOrder(), inkludera: [] }))).json).to.deep.equal({ code: 'TAK_ERR_BAD_INPUT', message: 'inkludera: Expected object' });
  });

  it('refuses an order body over the 20 MB limit with 413 as every other route does', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(21 * 1024 * 1024) });
    const expected = { status: 413, type: 'application/json; charset=utf-8', json: { code: 'NTJP_ERR_BAD_BODY', message: 'Malformed request body: request entity too large' } };
    expect(await post('/api/tak/publish', big)).to.deep.equal(expected);
    expect(await post('/api/tak/orders', big)).to.deep.equal(expected);
  });

  it('neither parses the order nor serializes its report on the main thread', async () => {
    const order = bookingOrder() as { inkludera: { logiskadresser: Array<Record<string, string>> } };
    order.inkludera.logiskadresser.push(...Array.from({ length: 3000 }, (_v, i) => ({ hsaId: `SE2321000016-B${i}`, beskrivning: 'x'.repeat(40) })));
    const body = JSON.stringify(order);
    expect(body.length).to.be.above(200_000);
    const seen: number[] = [];
    const { parse, stringify } = JSON;
    JSON.parse = ((text: string, ...rest: []) => (seen.push(text.length), parse(text, ...rest))) as typeof JSON.parse;
    JSON.stringify = ((...args: Parameters<typeof JSON.stringify>) => {
      const text = stringify(...args);
      seen.push(text?.length ?? 0);
      return text;
    }) as typeof JSON.stringify;
    let answer: Answer;
    try {
      answer = await post('/api/tak/orders?dryRun=true', body);
    } finally {
      Object.assign(JSON, { parse, stringify });
    }
    expect(answer.status).to.equal(200);
    expect((answer.json as { counts: Record<string, number> }).counts['create logicalAddress']).to.equal(3001);
    // the answer's own parse in this test is the one text of that size the main thread may see
    expect(seen.filter((n) => n > 100_000)).to.have.length(1);
  });
});
