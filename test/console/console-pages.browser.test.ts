import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { soapEnvelope, soapFault } from '../../src/shared/soap/envelope.js';
import type { StaticCatalogueSource } from '../../src/tak/snapshot.js';
import { PING_NAMESPACE } from '../../src/console/availability/producers.js';
import { VERSION } from '../../src/platform/version.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';
import { OPERATOR_TOKEN, startConsolePlatform, type ConsolePlatform } from './support/console-platform.js';

const BOOKING = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
const PRODUCER = 'SE2321000016-PROD';

describe('console in a real browser: sign-in, status, orders, availability', function () {
  this.timeout(60_000);
  let nowMs = Date.UTC(2026, 0, 10, 9);
  let producerDown = false;
  let producer: Server;
  let consolePlatform: ConsolePlatform;
  let browser: Browser;
  let base = '';

  before(async function () {
    skipWithoutChromium(this);
    producer = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(producerDown ? 500 : 200, { 'content-type': 'text/xml' });
        res.end(producerDown ? soapFault({ code: 'Server', string: 'maintenance' }) : soapEnvelope(`<PingForConfigurationResponse xmlns="${PING_NAMESPACE}"/>`));
      });
    });
    await new Promise<void>((r) => producer.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(producer.address() as AddressInfo).port}`;
    consolePlatform = await startConsolePlatform(() => nowMs);
    base = consolePlatform.platform.adminUrl;
    const route = { logicalAddress: 'SE2321000016-1234', profile: 'RIVTABP21' as const, component: PRODUCER, from: '2025-01-01', to: '2125-01-01' };
    (consolePlatform.platform.ctx.catalogue as StaticCatalogueSource).set({
      version: 7,
      publishedAt: '',
      routes: [
        { ...route, id: 1, namespace: PING_NAMESPACE, url: url + '/ping' },
        { ...route, id: 2, namespace: BOOKING, url: url + '/booking' },
      ],
      permissions: [],
      hsaUnits: [],
    });
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await consolePlatform?.close();
    producer?.close();
  });

  const signInOperator = (): Promise<void> => signIn(browser.page, base, OPERATOR_TOKEN, '/console/orders');

  it('shows the status page with version, catalogue version and uptime at the root address', async () => {
    const { page } = browser;
    await page.goto(base + '/');
    expect(page.url()).to.equal(`${base}/console/`);
    expect(await page.textContent('#version')).to.equal(VERSION);
    expect(await page.textContent('#catalogue-version')).to.equal('7 (2 routes, 0 permissions)');
    expect(await page.textContent('h1')).to.equal('Status');
    await screenshot(page, 'status');
  });

  it('browses and searches the published routes of the catalogue', async () => {
    const { page } = browser;
    await page.goto(`${base}/console/catalogue?q=makebooking`);
    expect(await page.textContent('h2:has-text("Routes")')).to.equal('Routes (vägval): 1');
    expect(await page.textContent('#routes')).to.contain(BOOKING);
    expect(await page.textContent('#routes')).not.to.contain(PING_NAMESPACE);
    await screenshot(page, 'catalogue');
  });

  it('refuses writes before sign-in and a wrong token, then signs in with the operator token', async () => {
    const { page } = browser;
    await page.goto(`${base}/console/orders`);
    await page.fill('#order', '{}');
    await page.click('button:has-text("Dry run")');
    expect(await page.textContent('.notice.error')).to.equal('This changes the platform: sign in as operator first.');
    await page.goto(`${base}/console/sign-in`);
    await page.fill('input[name=token]', 'not-the-token');
    await page.click('button:has-text("Sign in")');
    expect(await page.textContent('.notice.error')).to.equal('That is not the operator token.');
    await signInOperator();
    expect(await page.textContent('header .who')).to.contain('Sign out');
    const cookies = await browser.context.cookies(base);
    expect(cookies.find((c) => c.name === 'ntjp_operator')).to.include({ httpOnly: true, sameSite: 'Strict' });
  });

  it('shows the parse error of an order that is not JSON and keeps the text', async () => {
    const { page } = browser;
    await signInOperator();
    await page.fill('#order', '{"plattform": "NTJP-TEST",');
    await page.click('button:has-text("Dry run")');
    expect(await page.textContent('.notice.error')).to.match(/^The order is not valid JSON: /);
    expect(await page.inputValue('#order')).to.equal('{"plattform": "NTJP-TEST",');
    await screenshot(page, 'orders-invalid-json');
  });

  it('shows a month fed by probes with a recorded planned outage excluded from the downtime', async () => {
    const { page } = browser;
    const api = consolePlatform.platform.ctx.use<import('../../src/console/index.js').ConsoleApi>('console');
    await api.probeAll();
    producerDown = true;
    nowMs = Date.UTC(2026, 0, 10, 10);
    await api.probeAll();
    producerDown = false;
    nowMs = Date.UTC(2026, 0, 10, 12);
    await api.probeAll();
    nowMs = Date.UTC(2026, 1, 3);

    await signInOperator();
    await page.goto(`${base}/console/availability?month=2026-01`);
    const row = page.locator('#availability-table tbody tr', { hasText: BOOKING });
    expect(await row.locator('td').nth(5).textContent()).to.equal('2.00 h');
    await page.fill('#outage-form input[name=producer]', PRODUCER);
    await page.fill('#outage-form input[name=from]', '2026-01-10T09:30');
    await page.fill('#outage-form input[name=to]', '2026-01-10T11:00');
    await page.fill('#outage-form input[name=note]', 'planned upgrade');
    await page.click('button:has-text("Record planned outage")');
    expect(await page.textContent('.notice.ok')).to.equal(`Planned outage recorded for ${PRODUCER}: 2026-01-10 09:30 UTC – 2026-01-10 11:00 UTC.`);
    const cells = await row.locator('td').allTextContents();
    // monitored from the first probe (10 January 09:00) to the end of the month: 519 h
    expect(cells[2]).to.equal('519.00 h');
    expect(cells.slice(3)).to.deep.equal(['2.00 h', '1.00 h', '1.00 h', (100 - (1 / (21 * 24 + 15)) * 100).toFixed(3) + ' %', 'met']);
    expect(await page.textContent('#outages')).to.contain('planned upgrade');
    await screenshot(page, 'availability');
    await page.click(`#availability-table a:text-is("${PRODUCER}")`);
    expect(await page.textContent('h1')).to.equal(`Availability: ${PRODUCER}`);
    expect(await page.locator('svg.day-chart rect.planned').count()).to.be.greaterThan(0);
  });
});
