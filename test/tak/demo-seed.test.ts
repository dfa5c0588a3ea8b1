import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { bookingOrder } from './fixtures.js';
import { own, startTakPlatform } from './platform-fixture.js';

describe('TAK demo seed (npm start on an empty catalogue)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-takseed-'));
  const orders = join(dir, 'orders');
  mkdirSync(orders);
  writeFileSync(join(orders, '10-booking.json'), JSON.stringify(bookingOrder()));
  writeFileSync(join(orders, '20-moved.json'), JSON.stringify(bookingOrder({ date: '2026-06-01', url: 'https://moved.example/b' })));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every demo order in name order and publishes once, only on the first start', async () => {
    const settings = { 'tak.seedDemo': true, 'tak.demoOrdersDir': orders };
    const first = await startTakPlatform({ dir, settings });
    const versions = (await first.api('GET', '/api/tak/versions')).json;
    expect(versions.map((v: any) => [v.id, v.author])).to.deep.equal([[1, 'demo-seed'], [2, 'platform']]);
    expect(own(first.platform.ctx.catalogue.current()!.routes).map((r) => [r.url, r.from, r.to])).to.deep.equal([
      ['https://journal.example:8443/booking', '2026-01-01', '2026-05-31'],
      ['https://moved.example/b', '2026-06-01', '2126-06-01'],
    ]);
    await first.close();
    const second = await startTakPlatform({ dir, settings });
    expect((await second.api('GET', '/api/tak/versions')).json.length).to.be.within(2, 3);
    expect((await second.api('GET', '/api/tak/audit?limit=1000')).json.filter((e: any) => e.user === 'demo:10-booking.json' && e.kind === 'route').length).to.equal(1);
    await second.close();
  });

  it('refuses to start with a broken demo order, naming the file’s problems', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, '00-bad.json'), JSON.stringify({ genomforandeTidpunkt: '2026-01-01', inkludera: { vagval: [{ adress: 'x' }] }, exkludera: {} }));
    const second = mkdtempSync(join(tmpdir(), 'ntjp-takseed2-'));
    const failure = await startTakPlatform({ dir: second, settings: { 'tak.seedDemo': true, 'tak.demoOrdersDir': broken } }).then(() => undefined, (e: Error) => e);
    rmSync(second, { recursive: true, force: true });
    expect(failure?.message).to.match(/^demo order .*00-bad\.json: The change is invalid: inkludera\.vagval\[0\]: logiskAdress is required/);
  });
});
