import { expect } from 'chai';
import { request } from 'undici';
import { TakService } from '../../src/tak/service.js';
import { bookingOrder } from './fixtures.js';
import { TOKEN, startTakPlatform, type TakPlatform } from './platform-fixture.js';

/** JSON texts of at least this length the main thread serialized while `run` ran. */
async function mainThreadJsonTexts<T>(minLength: number, run: () => Promise<T>): Promise<{ value: T; lengths: number[] }> {
  const lengths: number[] = [];
  const { stringify } = JSON;
  JSON.stringify = ((...args: Parameters<typeof JSON.stringify>) => {
    const text = stringify(...args);
    if ((text?.length ?? 0) >= minLength) lengths.push(text!.length);
    return text;
  }) as typeof JSON.stringify;
  try {
    return { value: await run(), lengths };
  } finally {
    JSON.stringify = stringify;
  }
}

describe('TAK large reads answered by the job worker', () => {
  let t: TakPlatform;
  let service: TakService;
  let version: number;
  before(async () => {
    t = await startTakPlatform();
    service = t.platform.ctx.use<TakService>('tak');
    const order = bookingOrder() as { inkludera: { logiskadresser: Array<Record<string, string>> } };
    order.inkludera.logiskadresser.push(...Array.from({ length: 2000 }, (_v, i) => ({ hsaId: `SE2321000016-R${i}`, beskrivning: 'x'.repeat(40) })));
    await service.order(order, { dryRun: false, user: 'test' });
    version = (await service.publish('test')).id;
    await t.api('POST', '/api/tak/logical-addresses', { hsaId: 'SE2321000016-PENDING' });
  });
  after(async () => t.close());

  const get = async (path: string): Promise<{ status: number; type: string | undefined; text: string }> => {
    const res = await request(`http://127.0.0.1:${new URL(t.platform.adminUrl).port}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, text: await res.body.text() };
  };

  const reads: Array<[string, () => Promise<unknown>]> = [
    ['/api/tak/versions/{v}', () => service.version(version)],
    ['/api/tak/versions/{v}/diff', () => service.diff(version)],
    ['/api/tak/versions/{v}/diff?against=1', () => service.diff(version, 1)],
    ['/api/tak/pending', () => service.diff()],
    ['/api/tak/snapshot', () => service.latestSnapshot()],
    ['/api/tak/export', async () => (await service.latest())!.data],
    ['/api/tak/export?version={v}', async () => (await service.version(version)).data],
  ];
  for (const [path, expected] of reads) {
    it(`answers GET ${path} with the JSON of what the service reads, serialized off the main thread`, async () => {
      const oracle = JSON.parse(JSON.stringify(await expected())) as unknown;
      const { value: answer, lengths } = await mainThreadJsonTexts(50_000, () => get(path.replaceAll('{v}', String(version))));
      expect({ status: answer.status, type: answer.type }).to.deep.equal({ status: 200, type: 'application/json; charset=utf-8' });
      expect(JSON.parse(answer.text)).to.deep.equal(oracle);
      expect(lengths).to.deep.equal([]);
    });
  }

  it('cuts each list of a diff to ?limit rows and gives every list\'s full length in counts', async () => {
    const whole = await service.diff(version);
    const cut = JSON.parse((await get(`/api/tak/versions/${version}/diff?limit=5`)).text) as typeof whole;
    expect(cut.entities['logical-addresses']!.added).to.deep.equal(whole.entities['logical-addresses']!.added.slice(0, 5));
    expect(cut.routes).to.deep.equal(whole.routes);
    expect(cut.counts).to.deep.include({ 'logical-addresses': { added: 2001, changed: 0, removed: 0 }, routes: { added: 1, extended: 0, ended: 0, removed: 0 } });
    const pending = JSON.parse((await get('/api/tak/pending?limit=1')).text) as typeof whole;
    expect(pending.counts!['logical-addresses']).to.deep.equal({ added: 1, changed: 0, removed: 0 });
    expect(JSON.parse((await get('/api/tak/pending?limit=0')).text)).to.deep.equal({ code: 'TAK_ERR_BAD_INPUT', message: 'limit: Expected integer to be greater or equal to 1' });
  });

  it('names the rows of a table page in the worker, with the page the service names on the calling thread', async () => {
    const answer = await get('/api/tak/table/logical-addresses?limit=20&offset=1500&sort=hsaId&desc=1');
    expect((service as unknown as { named?: unknown }).named).to.equal(undefined);
    const query = { offset: 1500, limit: 20, sort: 'hsaId', descending: true, filters: {}, search: '' };
    expect(JSON.parse(answer.text)).to.deep.equal(JSON.parse(JSON.stringify(await TakService.prototype.table.call(service, 'logicalAddress', query))));
  });

  it('answers a version that does not exist with 404 TAK_ERR_NOT_FOUND from the worker', async () => {
    const answer = await get('/api/tak/versions/99');
    expect(answer.status).to.equal(404);
    expect(JSON.parse(answer.text)).to.deep.equal({ code: 'TAK_ERR_NOT_FOUND', message: 'There is no published version 99.', problems: [] });
  });
});
