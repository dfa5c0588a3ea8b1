import { expect } from 'chai';
import { request } from 'undici';
import { consoleComponent } from '../../src/console/index.js';
import { DIFF_ROWS_PER_LIST } from '../../src/console/catalogue/diff-view.js';
import type { TakService } from '../../src/tak/index.js';
import { bookingOrder } from '../tak/fixtures.js';
import { startTakPlatform, type TakPlatform } from '../tak/platform-fixture.js';

const UNITS = DIFF_ROWS_PER_LIST + 500;

describe('console diff of a large catalogue change', () => {
  let t: TakPlatform;
  let version: number;
  before(async () => {
    t = await startTakPlatform({ extra: [consoleComponent] });
    const service = t.platform.ctx.use<TakService>('tak');
    const order = bookingOrder() as { inkludera: { logiskadresser: Array<Record<string, string>> } };
    order.inkludera.logiskadresser.push(...Array.from({ length: UNITS }, (_v, i) => ({ hsaId: `SE2321000016-C${i}` })));
    await service.order(order, { dryRun: false, user: 'test' });
    version = (await service.publish('test')).id;
    await service.order({ genomforandeTidpunkt: '2026-01-01', inkludera: { logiskadresser: Array.from({ length: UNITS }, (_v, i) => ({ hsaId: `SE2321000016-P${i}` })) }, exkludera: {} }, { dryRun: false, user: 'test' });
  });
  after(async () => t.close());

  const page = async (path: string): Promise<string> => {
    const res = await request(`http://127.0.0.1:${new URL(t.platform.adminUrl).port}${path}`, { headers: { accept: 'text/html' } });
    expect(res.statusCode).to.equal(200);
    return res.body.text();
  };

  it(`counts every changed row of a version but tables only the first ${DIFF_ROWS_PER_LIST} of each list, saying so`, async () => {
    const html = await page(`/console/catalogue/versions/${version}`);
    expect(html).to.match(new RegExp(`<li class="diff-logical-addresses-added change-added">Logical addresses added: ${UNITS + 1}</li>`));
    expect(html).to.include(`<p class="hint" id="diff-cut">The table holds the first ${DIFF_ROWS_PER_LIST} rows of each list; the whole diff is in the REST API.</p>`);
  });

  it('counts every pending change in the summary line and the list counts', async () => {
    const html = await page('/console/catalogue/pending');
    expect(html).to.include(`: ${UNITS} changes.</p>`);
    expect(html).to.include(`Logical addresses added: ${UNITS}</li>`);
    expect(html).to.include('id="diff-cut"');
  });
});
