import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { closeServer, listen } from '../../src/shared/listen.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { takComponent } from '../../src/tak/component.js';
import { createConsoleComponent } from '../../src/console/index.js';
import { escapeHtml } from '../../src/console/html.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';

const PENDING = 'SE2321000016-PEND';
const FORGED = 'SE2321000016-FORGED';
const FORGED_ORDER = JSON.stringify({
  plattform: 'NTJP-TEST',
  genomforandeTidpunkt: '2026-01-01',
  inkludera: { tjanstekomponenter: [{ hsaId: FORGED, beskrivning: 'planted by another page' }] },
  exkludera: { anropsbehorigheter: [], vagval: [] },
});
const SAME_SITE_REFUSAL = "Refused: the browser sent this request from a page of another origin (Sec-Fetch-Site: same-site); only the console's own pages may change the platform.";

/** A page on another port of the same host: forms and a script aimed at the console, as a hostile page would make them. */
function attackPages(base: string): Record<string, string> {
  const form = (action: string, fields: Record<string, string>) =>
    `<!doctype html><html><body><form method="post" action="${base}${action}">${Object.entries(fields)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
      .join('')}<button type="submit">Win a prize</button></form></body></html>`;
  return {
    '/order': form('/console/orders', { order: FORGED_ORDER, action: 'apply' }),
    '/publish': form('/console/catalogue/publish', { comment: 'forged' }),
    '/capture': form('/console/traffic/capture', { capture: 'on' }),
    '/script': '<!doctype html><html><body><p>nothing to see</p></body></html>',
  };
}

describe('console in a real browser: a page on another port of the same host cannot change the platform with the operator signed in', function () {
  this.timeout(60_000);
  let platform: TestPlatform;
  let browser: Browser;
  let attacker: Server;
  let base = '';
  let attackBase = '';

  const page = () => browser.page;
  const api = async (path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) => {
    const res = await request(base + path, {
      method,
      headers: { authorization: `Bearer ${platform.operatorToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.body.json() as Promise<unknown>;
  };
  const componentIds = async () => ((await api('/api/tak/components')) as Array<{ hsaId: string }>).map((c) => c.hsaId);
  const versionCount = async () => ((await api('/api/tak/versions')) as unknown[]).length;
  const capturing = () => platform.ctx.use<VpApi>('vp').traffic.capturing;

  /** Opens the attack page and clicks its button; the console's answer as the browser got it. */
  async function submitFrom(attackPath: string, consolePath: string): Promise<{ status: number; notice: string }> {
    await page().goto(attackBase + attackPath);
    const [answer] = await Promise.all([page().waitForResponse(base + consolePath), page().click('button')]);
    await page().waitForURL(base + consolePath);
    return { status: answer.status(), notice: (await page().textContent('.notice.error')) ?? '' };
  }

  before(async function () {
    skipWithoutChromium(this);
    platform = await startTestPlatform({ components: [vpComponent, takComponent, createConsoleComponent()], settings: { 'tak.seedDemo': false, 'console.probeIntervalMs': 0 } });
    base = platform.adminUrl;
    const pages = attackPages(base);
    attacker = createServer((req, res) => {
      const body = pages[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    attackBase = `http://127.0.0.1:${await listen(attacker, 0, '127.0.0.1')}`;
    // A change waiting to be published, so a forged publish would have something to publish.
    await api('/api/tak/components', 'POST', { hsaId: PENDING, description: 'pending change' });
    browser = await openBrowser();
    await signIn(page(), base, platform.operatorToken, '/console/traffic');
    // Cookies do not tell ports apart: the browser sends the operator's sign-in cookie with every request below.
    expect((await browser.context.cookies(base)).map((c) => c.name)).to.include('ntjp_operator');
  });

  after(async () => {
    await browser?.close();
    if (attacker) await closeServer(attacker);
    await platform?.close();
  });

  it('refuses an order applied from the other page with 403, and the catalogue has no new component', async () => {
    const before = await componentIds();
    const answer = await submitFrom('/order', '/console/orders');
    expect(answer).to.deep.equal({ status: 403, notice: SAME_SITE_REFUSAL });
    expect(await page().textContent('main p:not(.notice)')).to.equal('Nothing was changed.');
    await screenshot(page(), 'csrf-refused');
    expect(await componentIds()).to.deep.equal(before).and.not.include(FORGED);
  });

  it('refuses a publish from the other page with 403, and no version is published', async () => {
    const versions = await versionCount();
    expect(await submitFrom('/publish', '/console/catalogue/publish')).to.deep.equal({ status: 403, notice: SAME_SITE_REFUSAL });
    expect(await versionCount()).to.equal(versions);
    expect(platform.ctx.catalogue.current()?.routes.some((r) => r.component === PENDING) ?? false).to.equal(false);
    expect(JSON.stringify(await api('/api/tak/pending'))).to.contain(PENDING);
  });

  it('refuses switching capture on from the other page with 403, and capture stays off', async () => {
    expect(await submitFrom('/capture', '/console/traffic/capture')).to.deep.equal({ status: 403, notice: SAME_SITE_REFUSAL });
    expect(capturing()).to.equal(false);
  });

  it("refuses the other page's scripts that post to the REST API and the console with the cookie: 403, nothing changes", async () => {
    await page().goto(attackBase + '/script');
    const versions = await versionCount();
    const targets = ['/api/tak/publish', '/console/traffic/capture', '/api/tak/orders?dryRun=false'];
    const statuses = await Promise.all([
      ...targets.map((path) => page().waitForResponse(base + path).then((r) => r.status())),
      page().evaluate(
        ([b, order]) =>
          Promise.all([
            fetch(`${b}/api/tak/publish`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"comment":"forged"}' }),
            fetch(`${b}/console/traffic/capture`, { method: 'POST', mode: 'no-cors', credentials: 'include', body: new URLSearchParams({ capture: 'on' }) }),
            fetch(`${b}/api/tak/orders?dryRun=false`, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: order }),
          ]).then(() => 'sent'),
        [base, FORGED_ORDER] as const,
      ),
    ]);
    expect(statuses).to.deep.equal([403, 403, 403, 'sent']);
    expect(await versionCount()).to.equal(versions);
    expect(await componentIds()).to.not.include(FORGED);
    expect(capturing()).to.equal(false);
  });

  it("still switches capture on from the console's own page (the same browser, the same sign-in)", async () => {
    await page().goto(`${base}/console/traffic`);
    await page().click('button:has-text("Switch body capture on")');
    expect(await page().textContent('.notice.ok')).to.equal('Body capture switched on.');
    expect(capturing()).to.equal(true);
  });
});
