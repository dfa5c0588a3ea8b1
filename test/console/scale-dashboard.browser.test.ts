import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { takComponent, type TakService } from '../../src/tak/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { consoleComponent, type ConsoleApi } from '../../src/console/index.js';
import { localToday } from '../../src/shared/local-time.js';
import { callThroughHub } from '../../src/shared/soap/client.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';

const ROUTES = 100_000;
const CONTRACTS = ['urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1', 'urn:riv:crm:scheduling:MakeBookingResponder:1'];
const [SCHEDULE, BOOKING] = CONTRACTS as [string, string];
const CONSUMER = 'SE2321000016-KONS';
const PRODUCER = 'SE2321000016-PROD';
const WINDOW_PX = 1280;
const unit = (i: number): string => `SE2321000016-${String(i).padStart(6, '0')}`;

/** 50,000 care units × 2 contracts to one producer; the consumer may call the first unit on both contracts. */
function bigOrder(url: string): Record<string, unknown> {
  const units = Array.from({ length: ROUTES / CONTRACTS.length }, (_v, i) => unit(i));
  return {
    genomforandeTidpunkt: localToday(),
    inkludera: {
      tjanstekontrakt: CONTRACTS.map((namnrymd) => ({ namnrymd })),
      logiskadresser: units.map((hsaId) => ({ hsaId })),
      tjanstekomponenter: [{ hsaId: PRODUCER }, { hsaId: CONSUMER }],
      anropsbehorigheter: [{ logiskAdress: unit(0), tjanstekontrakt: BOOKING, tjanstekonsument: CONSUMER }],
      vagval: units.flatMap((u) => CONTRACTS.map((ns) => ({ adress: url, logiskAdress: u, tjanstekontrakt: ns, rivtaprofil: 'RIVTABP21', tjanstekomponent: PRODUCER }))),
    },
    exkludera: {},
  };
}

/** The page is no wider than the window: nothing scrolls sideways. */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/** The server's time for the last navigation: request start to the end of the answer (Navigation Timing). */
async function serverMs(page: Page): Promise<number> {
  return page.evaluate<number>("(([nav]) => nav.responseEnd - nav.requestStart)(performance.getEntriesByType('navigation'))");
}

describe('console in a real browser at scale: a catalogue of 100,000 routes, the dashboard, the availability view', function () {
  this.timeout(300_000);
  let producer: Server;
  let platform: TestPlatform;
  let browser: Browser;
  let base = '';
  const figures: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    producer = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' }).end(soapEnvelope(`<MakeBookingResponse xmlns="${BOOKING}"/>`)));
    });
    await new Promise<void>((r) => producer.listen(0, '127.0.0.1', r));
    platform = await startTestPlatform({ components: [takComponent, vpComponent, consoleComponent], settings: { 'tak.seedDemo': false, 'console.probeIntervalMs': 0 } });
    base = platform.adminUrl;
    const tak = platform.ctx.use<TakService>('tak');
    const t0 = performance.now();
    await tak.order(bigOrder(`http://127.0.0.1:${(producer.address() as AddressInfo).port}/producer`), { dryRun: false, user: 'test' });
    await tak.publish('test', `${ROUTES} routes`);
    figures.push(`seeded ${ROUTES} routes through the order engine and published in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    browser = await openBrowser();
  });

  after(async () => {
    if (figures.length > 0) console.log(`      ${figures.join('\n      ')}`);
    await browser?.close();
    await platform?.close();
    producer?.close();
  });

  const page = (): Page => browser.page;
  const bodyRows = (table: string) => page().locator(`${table} tbody tr`);

  it('pages the working routes 50 at a time, with names, sorted and filtered on the server', async () => {
    await page().goto(`${base}/console/catalogue/routes`);
    const total = Number((await page().textContent('h2'))!.replace(/^Routes: /, ''));
    expect(total).to.be.at.least(ROUTES);
    expect(await page().textContent('nav.pager .count')).to.equal(`rows 1–50 of ${total}`);
    expect(await bodyRows('#rows').count()).to.equal(50);
    figures.push(`route list, first page: ${(await serverMs(page())).toFixed(0)} ms server time (first read of the working rows)`);
    expect(await pageWidth(page())).to.be.at.most(WINDOW_PX);
    await screenshot(page(), 'catalogue-routes-100k');

    await page().click('#rows th a:text-is("logicalAddress")');
    await page().click('#rows th a:has-text("logicalAddress")');
    expect(page().url()).to.equal(`${base}/console/catalogue/routes?sort=logicalAddress&desc=1`);
    const first = await bodyRows('#rows').first().locator('td').allTextContents();
    expect(first.slice(1, 6)).to.deep.equal([unit(ROUTES / 2 - 1), first[2], first[3], PRODUCER, 'RIVTABP21']);
    figures.push(`route list sorted by logical address, descending: ${(await serverMs(page())).toFixed(0)} ms`);

    await page().fill('#rows input[name="f.logicalAddress"]', unit(12_345));
    await page().press('#rows input[name="f.logicalAddress"]', 'Enter');
    await page().waitForURL(/f\.logicalAddress=/);
    expect(await page().textContent('h2')).to.equal('Routes: 2');
    expect((await bodyRows('#rows').locator('td:nth-child(3)').allTextContents()).sort()).to.deep.equal([...CONTRACTS].sort());
    figures.push(`route list filtered on one logical address: ${(await serverMs(page())).toFixed(0)} ms`);

    await page().goto(`${base}/console/catalogue/routes?sort=url`);
    await page().click('nav.pager a:text-is("Last »")');
    expect(await page().textContent('nav.pager .count')).to.match(new RegExp(`^rows ${Math.floor((total - 1) / 50) * 50 + 1}–${total} of ${total}$`));
    figures.push(`route list, last page sorted by URL: ${(await serverMs(page())).toFixed(0)} ms`);
    await screenshot(page(), 'catalogue-routes-100k-last');
  });

  it('pages the published catalogue of 100,000 routes and its permissions', async () => {
    await page().goto(`${base}/console/catalogue?sort=namespace&desc=1&offset=50000`);
    expect(await bodyRows('#routes-table').count()).to.equal(50);
    expect(await page().textContent('nav.pager .count')).to.match(/^rows 50001–50050 of \d+$/);
    figures.push(`published routes, page 1,001 sorted by contract: ${(await serverMs(page())).toFixed(0)} ms`);
    expect(await pageWidth(page())).to.be.at.most(WINDOW_PX);
    await page().click('nav.tabs a:has-text("Permissions")');
    expect(await page().locator('#permissions-table tbody tr', { hasText: CONSUMER }).count()).to.equal(1);
    await screenshot(page(), 'catalogue-published-100k');
  });

  it('draws calls per minute, error rate and p50/p99 latency per contract from calls through the hub', async () => {
    const caller = platform.internalCaller(CONSUMER);
    for (let i = 0; i < 5; i++) expect((await callThroughHub(caller, rivRequest(unit(0), `<MakeBooking xmlns="${BOOKING}"/>`))).status).to.equal(200);
    // no permission for this contract: the hub refuses with VP007, an error for the dashboard
    for (let i = 0; i < 2; i++) expect((await callThroughHub(caller, rivRequest(unit(0), `<GetSubjectOfCareSchedule xmlns="${SCHEDULE}"/>`))).status).to.equal(500);
    await page().goto(`${base}/console/`);
    for (const id of ['chart-calls', 'chart-errors', 'chart-p50', 'chart-p99']) {
      expect(await page().locator(`#${id} g.series`).evaluateAll((gs) => gs.map((g) => g.getAttribute('data-label'))), id).to.deep.equal([BOOKING, SCHEDULE]);
    }
    expect(await page().locator(`#chart-calls g.series[data-label="${BOOKING}"] circle title`).last().textContent()).to.equal(`${BOOKING}: 5`);
    expect(await page().locator(`#chart-errors g.series[data-label="${SCHEDULE}"] circle title`).last().textContent()).to.equal(`${SCHEDULE}: 100 %`);
    expect(await page().locator(`#chart-errors g.series[data-label="${BOOKING}"] circle title`).last().textContent()).to.equal(`${BOOKING}: 0 %`);
    expect(await page().textContent('#catalogue-version')).to.match(new RegExp(`^\\d+ \\(\\d+ routes, \\d+ permissions\\)$`));
    expect(await page().textContent('#ei-size')).to.equal('no engagement index');
    expect(await pageWidth(page())).to.be.at.most(WINDOW_PX);
    // the facts line up: every card of a row starts at the same height
    const tops = await page().locator('#status-cards .fact').evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().top));
    expect(new Set(tops).size).to.equal(1);
    await screenshot(page(), 'status-dashboard');
  });

  it('lists producers below the target first, each outage with start, end and cause, and shows a 5-minute outage in the month view', async () => {
    const store = platform.ctx.use<ConsoleApi>('console').availability;
    const last = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));
    const month = last.toISOString().slice(0, 7);
    const at = (day: number, h: number, min = 0): number => Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), day, h, min);
    const brief = 'SE2321000016-BRIEF';
    const long = 'SE2321000016-LONG';
    for (const p of [brief, long]) await store.observe({ producer: p, contract: BOOKING, up: true, source: 'probe', atMs: at(1, 0) });
    await store.observe({ producer: brief, contract: BOOKING, up: false, source: 'call', atMs: at(12, 10, 0), detail: 'VP009' });
    await store.observe({ producer: brief, contract: BOOKING, up: true, source: 'probe', atMs: at(12, 10, 5) });
    await store.observe({ producer: long, contract: BOOKING, up: false, source: 'probe', atMs: at(20, 8), detail: 'connect: ECONNREFUSED' });
    await store.observe({ producer: long, contract: BOOKING, up: true, source: 'probe', atMs: at(20, 11) });

    await signIn(page(), base, platform.operatorToken, `/console/availability?month=${month}`);
    expect(await page().textContent('h2')).to.equal(`${month}: 1 of 2 below the target`);
    expect(await bodyRows('#availability-table').locator('td:first-child').allTextContents()).to.deep.equal([long, brief]);
    const stamp = (day: number, h: number, min: number): string => `${month}-${String(day).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')} UTC`;
    expect(await bodyRows('#outage-list').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)))).to.deep.equal([
      [long, BOOKING, stamp(20, 8, 0), stamp(20, 11, 0), '180 min', 'probe: connect: ECONNREFUSED'],
      [brief, BOOKING, stamp(12, 10, 0), stamp(12, 10, 5), '5 min', 'call through the hub: VP009'],
    ]);
    // the actions come before the figures
    const probeTop = await page().locator('button:has-text("Probe all producers now")').evaluate((b) => b.getBoundingClientRect().top);
    const tableTop = await page().locator('#availability-table').evaluate((t) => t.getBoundingClientRect().top);
    expect(probeTop).to.be.below(tableTop);
    expect(await page().locator('#outage-form').count()).to.equal(1);
    expect(await pageWidth(page())).to.be.at.most(WINDOW_PX);
    await screenshot(page(), 'availability-overview');

    await page().click(`#availability-table a:text-is("${brief}")`);
    expect(await page().textContent('h1')).to.equal(`Availability: ${brief}`);
    const down = page().locator('svg.day-chart rect.down');
    expect(await down.count()).to.equal(1);
    expect(await down.locator('title').textContent()).to.equal(`${BOOKING}: down ${stamp(12, 10, 0).slice(0, -4)} – ${stamp(12, 10, 5).slice(0, -4)} UTC (5 min), call through the hub: VP009`);
    const box = await down.boundingBox();
    expect(box!.width).to.be.at.least(3);
    expect(await pageWidth(page())).to.be.at.most(WINDOW_PX);
    await screenshot(page(), 'availability-producer-month');
  });

  it('fits every table page of the console in a 1,280 px window', async () => {
    for (const path of ['/console/catalogue/permissions', '/console/catalogue/call-addresses', '/console/catalogue/pending', '/console/catalogue/versions', '/console/catalogue/audit', '/console/engagements']) {
      await page().goto(base + path);
      expect(await pageWidth(page()), path).to.be.at.most(WINDOW_PX);
      await screenshot(page(), `fit-${path.split('/').slice(2).join('-')}`);
    }
  });
});
