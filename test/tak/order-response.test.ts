import { expect } from 'chai';
import { request } from 'undici';
import type { TakService } from '../../src/tak/index.js';
import { bookingOrder } from './fixtures.js';
import { TOKEN, startTakPlatform, type TakPlatform } from './platform-fixture.js';

/** The booking order with `units` more care units, each with a route and a permission. */
function largeOrder(units: number): Record<string, unknown> {
  const order = bookingOrder() as { inkludera: Record<string, Array<Record<string, string>>> };
  const [route] = order.inkludera.vagval!;
  const [permission] = order.inkludera.anropsbehorigheter!;
  const hsaIds = Array.from({ length: units }, (_v, i) => `SE2321000016-L${i}`);
  order.inkludera.logiskadresser!.push(...hsaIds.map((hsaId) => ({ hsaId })));
  order.inkludera.vagval!.push(...hsaIds.map((logiskAdress) => ({ ...route!, logiskAdress })));
  order.inkludera.anropsbehorigheter!.push(...hsaIds.map((logiskAdress) => ({ ...permission!, logiskAdress })));
  return order;
}

describe('TAK order answer over REST', () => {
  let t: TakPlatform;
  before(async () => (t = await startTakPlatform()));
  after(async () => t.close());

  const post = async (path: string, body: unknown): Promise<{ status: number; type: string | undefined; text: string }> => {
    const res = await request(`http://127.0.0.1:${new URL(t.platform.adminUrl).port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
    return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, text: await res.body.text() };
  };

  for (const units of [0, 700]) {
    it(`answers a dry run of the booking order and ${units} more care units with exactly the JSON text of its report`, async () => {
      const service = t.platform.ctx.use<TakService>('tak');
      const expected = JSON.stringify(await service.order(largeOrder(units), { dryRun: true, user: 'operator' }));
      const answer = await post('/api/tak/orders?dryRun=true', largeOrder(units));
      expect({ status: answer.status, type: answer.type }).to.deep.equal({ status: 200, type: 'application/json; charset=utf-8' });
      expect(answer.text).to.equal(expected);
    });
  }

  it('answers an applied order with 201 and a failing one with the error JSON', async () => {
    const applied = await post('/api/tak/orders', largeOrder(1));
    expect(applied.status).to.equal(201);
    expect(JSON.parse(applied.text).counts).to.deep.include({ 'create route': 2, 'create permission': 2 });
    const refused = await post('/api/tak/orders', { genomforandeTidpunkt: 'soon', inkludera: {}, exkludera: {} });
    expect(refused.status).to.equal(400);
    expect(JSON.parse(refused.text)).to.deep.equal({ code: 'TAK_ERR_VALIDATION', message: 'The change is invalid: genomforandeTidpunkt: required, a date or ISO timestamp (got "soon")', problems: ['genomforandeTidpunkt: required, a date or ISO timestamp (got "soon")'] });
  });
});
