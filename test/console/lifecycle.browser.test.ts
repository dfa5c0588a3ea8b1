import { expect } from 'chai';
import { contractsComponent, contractsSettings } from '../../src/contracts/index.js';
import type { PlatformComponent } from '../../src/platform/context.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import type { StaticCatalogueSource } from '../../src/tak/snapshot.js';
import { GCD3, SYSTEM, lifecycleOrder } from '../contracts/lifecycle-fixtures.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';
import { OPERATOR_TOKEN, startConsolePlatform, type ConsolePlatform } from './support/console-platform.js';

const catalogue: PlatformComponent = {
  name: 'test-catalogue',
  start: async (ctx) => {
    (ctx.catalogue as StaticCatalogueSource).set(snapshotFromOrder(lifecycleOrder()));
    return { close: async () => undefined };
  },
};

describe('console in a real browser: contract lifecycle overview and system page', function () {
  this.timeout(60_000);
  let consolePlatform: ConsolePlatform;
  let browser: Browser;
  let base = '';

  before(async function () {
    skipWithoutChromium(this);
    consolePlatform = await startConsolePlatform(Date.now, [catalogue, contractsComponent], [contractsSettings]);
    base = consolePlatform.platform.adminUrl;
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await consolePlatform?.close();
  });

  const overviewRows = async (): Promise<string[][]> =>
    browser.page.$$eval('#lifecycle-overview tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent ?? '')));

  it('lists every system of the catalogue, most urgent first, and opens the page of one', async () => {
    const { page } = browser;
    await page.goto(`${base}/console/lifecycle`);
    expect(await page.textContent('nav a[aria-current], nav a.active')).to.equal('Contract lifecycle');
    expect(await overviewRows()).to.deep.equal([
      [SYSTEM.bothProducer, 'undated', '–'],
      [SYSTEM.oldConsumer, 'undated', '–'],
      [SYSTEM.caller, 'current', '–'],
      [SYSTEM.newProducer, 'current', '–'],
    ]);
    await screenshot(page, 'lifecycle-overview-undated');
    await page.click(`a:has-text("${SYSTEM.oldConsumer}")`);
    await page.waitForURL(`${base}/console/lifecycle/${SYSTEM.oldConsumer}`);
    expect(await page.$$eval('#lifecycle-rows tbody td', (tds) => tds.map((td) => td.textContent))).to.deep.equal([
      'clinicalprocess:healthcond:description', 'GetCareDocumentation', '–', '2', '–', '3 (3.0, release 3.0)', '–', '–', 'no publication date', 'only the old major, while 3 is routed for others',
    ]);
    expect(await page.$('#correct-date')).to.equal(null);
  });

  it("takes the signed-in operator's corrected date and shows the overdue systems first", async () => {
    const { page } = browser;
    await signIn(page, base, OPERATOR_TOKEN, `/console/lifecycle/${SYSTEM.oldConsumer}`);
    expect(await page.inputValue('#correct-date input[name=namespace]')).to.equal(GCD3);
    await page.fill('#correct-date input[name=published]', '2020-01-31');
    await page.click('button:has-text("Save date")');
    expect(await page.textContent('.notice.ok')).to.equal(`${GCD3} published 2020-01-31 (operator).`);
    expect(await page.$$eval('#lifecycle-rows tbody td', (tds) => tds.slice(6, 9).map((td) => td.textContent))).to.deep.equal(['2020-01-31 operator', '2021-07-31', 'overdue since 2021-07-31']);
    await page.goto(`${base}/console/lifecycle`);
    const rows = await overviewRows();
    expect(rows.map((r) => [r[0], r[1]])).to.deep.equal([
      [SYSTEM.bothProducer, 'overdue'],
      [SYSTEM.oldConsumer, 'overdue'],
      [SYSTEM.caller, 'current'],
      [SYSTEM.newProducer, 'current'],
    ]);
    expect(rows[0]![2]).to.match(/^\d+ days overdue$/);
    await screenshot(page, 'lifecycle-overview');
  });
});
