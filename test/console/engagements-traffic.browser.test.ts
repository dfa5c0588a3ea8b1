import { expect } from 'chai';
import { eiComponent, eiSettings } from '../../src/ei/index.js';
import { openBrowser, screenshot, skipWithoutChromium, type Browser } from './support/browser.js';
import { startConsolePlatform, type ConsolePlatform } from './support/console-platform.js';

describe('console in a real browser: engagement index and traffic log pages', function () {
  this.timeout(60_000);
  let consolePlatform: ConsolePlatform;
  let browser: Browser;
  let base = '';

  before(async function () {
    skipWithoutChromium(this);
    consolePlatform = await startConsolePlatform(Date.now, [eiComponent], [eiSettings]);
    base = consolePlatform.platform.adminUrl;
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await consolePlatform?.close();
  });

  it('shows the engagement index size, counts and dead letters, and looks up a person', async () => {
    const { page } = browser;
    await page.goto(`${base}/console/engagements`);
    expect(await page.textContent('#ei-size')).to.equal('0 engagements');
    expect(await page.textContent('#dead-letters, p.empty:has-text("No dead letters.")')).to.equal('No dead letters.');
    await page.fill('input[name=person]', '191212121212');
    await page.fill('input[name=serviceDomain]', 'riv:crm:scheduling');
    await page.click('button:has-text("Look up")');
    expect(await page.textContent('h2:has-text("Engagements of")')).to.equal('Engagements of 191212121212: 0');
    expect(await page.textContent('#engagements-table tbody')).to.equal('none');
    await screenshot(page, 'engagements');
  });

  it('says so when the hub is not running rather than showing an empty traffic log', async () => {
    const { page } = browser;
    const answer = await page.goto(`${base}/console/traffic`);
    expect(answer?.status()).to.equal(502);
    expect(await page.textContent('.notice.error')).to.match(/^The hub's traffic log is not available: /);
    await screenshot(page, 'traffic-without-hub');
  });
});
