import { expect } from 'chai';
import { consoleComponent } from '../../src/console/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from '../vp/catalogue-fixtures.js';
import { callHub } from '../vp/hub-calls.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';

const WINDOW_WIDTH_PX = 1280;
const LONG_VALUE = `urn:long:${'x'.repeat(240)}`;

describe('console in a real browser: the traffic log’s live tail and one call’s page', function () {
  this.timeout(60_000);
  let p: TestPlatform;
  let producer: TestProducer;
  let browser: Browser;
  let base = '';

  before(async function () {
    skipWithoutChromium(this);
    producer = await startProducer();
    p = await startTestPlatform({
      components: [vpComponent, consoleComponent],
      catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]),
      settings: { 'console.probeIntervalMs': 0 },
    });
    base = p.adminUrl;
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await p?.close();
    await producer?.close();
  });

  const widthPx = (): Promise<number> => browser.page.evaluate<number>('document.documentElement.scrollWidth');

  it('filters by a chosen outcome and shows a new call of that outcome without a reload, within the window', async () => {
    const { page } = browser;
    await signIn(page, base, p.operatorToken, '/console/traffic');
    await page.click('button:has-text("Switch body capture on")');
    expect(await page.textContent('.notice.ok')).to.equal('Body capture switched on.');
    await page.selectOption('select[name=outcome]', 'ok');
    await page.click('#traffic-filters button:has-text("Filter")');
    expect(new URL(page.url()).searchParams.get('outcome')).to.equal('ok');
    expect(await page.textContent('#traffic tbody')).to.equal('No calls match.');
    expect((await callHub(p, rivCall(HSA.unknownUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': 'browser-fault' })).status).to.equal(500);
    expect((await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': 'browser-live', 'x-long-header': LONG_VALUE })).status).to.equal(200);
    // evaluated in the page (a string: the tests compile without the DOM library)
    await page.waitForFunction("document.querySelector('#traffic tbody a')?.textContent === 'browser-live'");
    expect(await page.locator('#traffic tbody tr:not(.bodies)').count()).to.equal(1);
    expect(await widthPx()).to.be.at.most(WINDOW_WIDTH_PX);
    await screenshot(page, 'traffic-live-tail');
  });

  it('opens the call’s own page with its facts, trace, headers, laid-out bodies and a curl command to copy', async () => {
    const { page } = browser;
    await page.click('#traffic tbody a:has-text("browser-live")');
    await page.waitForURL(/\/console\/traffic\/calls\/\d+$/);
    expect(await page.textContent('h1')).to.equal('Call browser-live');
    const facts = await page.locator('#call-facts dd').allTextContents();
    expect(facts).to.include.members(['browser-live', 'http /vp', HSA.consumer, HSA.careUnit, 'ok', '200', producer.url]);
    expect(await page.locator('#call-trace dt').allTextContents()).to.deep.equal(['route (vägval)', 'permission (behörighet)']);
    expect(await page.textContent('#request-headers tr:has(td:text-is("x-long-header")) td.wrap')).to.equal(LONG_VALUE);
    expect(await page.textContent('#producer-headers tr:has(td:text-is("x-vp-sender-id")) td.wrap')).to.equal(HSA.consumer);
    expect(await page.textContent('#request-body')).to.include('\n      <healthcare_facility>x</healthcare_facility>\n');
    expect(await page.textContent('#answer-body')).to.include('<ok>true</ok>');
    const command = (await page.textContent('#curl'))!;
    expect(command).to.match(/^curl -sS 'http:\/\/127\.0\.0\.1:\d+\/vp' \\\n/);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.click('button[data-copy=curl]');
    await page.waitForFunction("document.querySelector('button[data-copy=curl]').textContent === 'Copied'");
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).to.equal(command);
    expect(await widthPx()).to.be.at.most(WINDOW_WIDTH_PX);
    await screenshot(page, 'traffic-call');
  });
});
