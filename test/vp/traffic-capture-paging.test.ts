import { expect } from 'chai';
import { request } from 'undici';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, largeRivCall, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault, setTrafficCapture } from './hub-calls.js';

const internal = { internal: HSA.consumer };
const BODY_BYTES = 60_000;
/** room for the bodies of two calls of 2 × 60 kB, not three */
const BUDGET_BYTES = 300_000;
const CAPTURED_CALLS = 6;

type Headers = Record<string, string>;
const headerBytes = (h: Headers | undefined): number => Object.entries(h ?? {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

interface Page {
  capture: boolean;
  capturedBytes: number;
  captureBudgetBytes: number;
  calls: Array<{ seq: number; correlationId: string; requestBody?: string; responseBody?: string; bodiesDropped?: boolean; requestHeaders?: Headers; producerHeaders?: Headers }>;
  next?: number;
}

describe('hub traffic log: capture budget and pages', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let producer: TestProducer;
  const answer = rivAnswer(undefined, `<pad>${'y'.repeat(BODY_BYTES - rivAnswer(undefined, '<pad></pad>').length)}</pad>`);
  const call = largeRivCall(HSA.careUnit, BODY_BYTES);
  const callBytes = Buffer.byteLength(call);

  const get = async (query: string): Promise<{ status: number; json: unknown }> => {
    const res = await request(`${p.adminUrl}/api/traffic${query}`);
    return { status: res.statusCode, json: await res.body.json() };
  };
  const page = async (query: string): Promise<Page> => (await get(query)).json as Page;

  before(async () => {
    producer = await startProducer(() => ({ body: answer }));
    p = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]),
      settings: { 'vp.trafficCaptureBudgetBytes': BUDGET_BYTES },
    });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('keeps captured bodies and headers within the budget, dropping the oldest calls’ first while their entries stay', async () => {
    await setTrafficCapture(p, true);
    for (let i = 1; i <= CAPTURED_CALLS; i++) {
      const res = await callHub(p, call, internal, { 'x-skltp-correlation-id': `captured-${i}` });
      expect(res.status).to.equal(200);
    }
    const { calls, capturedBytes, captureBudgetBytes } = await page(`?limit=${CAPTURED_CALLS}`);
    expect(calls.map((c) => c.correlationId)).to.deep.equal([6, 5, 4, 3, 2, 1].map((i) => `captured-${i}`));
    expect(calls.map((c) => [c.requestBody?.length, c.responseBody?.length, c.requestHeaders !== undefined, c.producerHeaders !== undefined, c.bodiesDropped])).to.deep.equal([
      [callBytes, BODY_BYTES, true, true, undefined],
      [callBytes, BODY_BYTES, true, true, undefined],
      ...[3, 4, 5, 6].map(() => [undefined, undefined, false, false, true]),
    ]);
    expect(captureBudgetBytes).to.equal(BUDGET_BYTES);
    const kept = calls.slice(0, 2);
    expect(capturedBytes).to.equal(kept.reduce((n, c) => n + callBytes + BODY_BYTES + headerBytes(c.requestHeaders) + headerBytes(c.producerHeaders), 0));
  });

  it('drops every body when capture is switched off', async () => {
    await setTrafficCapture(p, false);
    const { calls, capture, capturedBytes } = await page(`?limit=${CAPTURED_CALLS}`);
    expect(capture).to.equal(false);
    expect(capturedBytes).to.equal(0);
    expect(calls.map((c) => [c.requestBody, c.responseBody, c.bodiesDropped])).to.deep.equal(calls.map(() => [undefined, undefined, true]));
  });

  it('pages through the log with the before cursor, newest first, without gaps or repeats', async () => {
    for (let i = 1; i <= 25; i++) expectVpFault(await callHub(p, rivCall(HSA.unknownUnit), internal, { 'x-skltp-correlation-id': `paged-${i}` }), 'VP004');
    const seen: string[] = [];
    let query = '?outcome=vp-fault&limit=10';
    const sizes: number[] = [];
    for (let pages = 0; pages < 5; pages++) {
      const { calls, next } = await page(query);
      sizes.push(calls.length);
      seen.push(...calls.map((c) => c.correlationId));
      if (next === undefined) break;
      query = `?outcome=vp-fault&limit=10&before=${next}`;
    }
    expect(sizes).to.deep.equal([10, 10, 5]);
    expect(seen).to.deep.equal(Array.from({ length: 25 }, (_, i) => `paged-${25 - i}`));
  });

  it('matches filters as substrings when asked to', async () => {
    const { calls } = await page('?correlationId=PAGED-2&match=contains&limit=100');
    expect(calls.map((c) => c.correlationId)).to.deep.equal(['paged-25', 'paged-24', 'paged-23', 'paged-22', 'paged-21', 'paged-20', 'paged-2']);
    expect((await page('?correlationId=paged-2&limit=100')).calls.map((c) => c.correlationId)).to.deep.equal(['paged-2']);
  });

  it('refuses a page larger than 1000 calls, a bad cursor and an unknown match mode with exact messages', async () => {
    expect(await get('?limit=1001')).to.deep.equal({ status: 400, json: { code: 'NTJP_ERR_BAD_LIMIT', message: 'limit must be an integer from 0 to 1000' } });
    expect(await get('?before=0')).to.deep.equal({ status: 400, json: { code: 'NTJP_ERR_BAD_CURSOR', message: 'before must be a positive integer (the next of the previous page)' } });
    expect(await get('?match=regex')).to.deep.equal({ status: 400, json: { code: 'NTJP_ERR_BAD_MATCH', message: 'match must be exact or contains' } });
    expect((await page('?limit=1000')).calls).to.have.length(CAPTURED_CALLS + 25);
  });
});
