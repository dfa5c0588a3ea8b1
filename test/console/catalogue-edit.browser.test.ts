import { expect } from 'chai';
import { takComponent } from '../../src/tak/component.js';
import { createConsoleComponent } from '../../src/console/index.js';
import { startTestPlatform, testIdentity, type TestPlatform } from '../support/platform.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';

const CONSUMER = 'SE2321000016-CONS';
const UNIT = 'SE2321000016-EDIT';
const CONTRACT = 'urn:riv:test:edit:GetThingsResponder:1';

describe('console in a real browser: editing the catalogue with pending changes, publish, versions and rollback', function () {
  this.timeout(60_000);
  let platform: TestPlatform;
  let browser: Browser;
  let base = '';

  before(async function () {
    skipWithoutChromium(this);
    platform = await startTestPlatform({ components: [takComponent, createConsoleComponent()], settings: { 'tak.seedDemo': false, 'console.probeIntervalMs': 0 } });
    base = platform.adminUrl;
    browser = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  const page = () => browser.page;

  async function add(entity: string, fields: Record<string, string>): Promise<string> {
    await page().goto(`${base}/console/catalogue/${entity}`);
    for (const [name, value] of Object.entries(fields)) await page().fill(`#add-form [name=${name}]`, value);
    await page().click('#add-form button:has-text("Add")');
    return (await page().textContent('.notice'))!;
  }

  function rowOf(text: string) {
    return page().locator('#rows tbody tr', { hasText: text });
  }

  it('lists every entity without sign-in, searches, and offers changes only after sign-in', async () => {
    await page().goto(`${base}/console/catalogue/routes?q=PingForConfiguration`);
    expect(await page().textContent('h2')).to.equal('Routes: 1');
    expect(await rowOf('PingForConfiguration').locator('td').last().textContent()).to.equal('published');
    expect(await page().locator('#add-form').count()).to.equal(0);
    await screenshot(page(), 'catalogue-routes');
    await signIn(page(), base, platform.operatorToken, '/console/catalogue/components');
    expect(await page().locator('#add-form').count()).to.equal(1);
  });

  it('adds a component from an uploaded certificate, a contract, an address and a permission, all pending', async () => {
    expect(await add('components', { certificate: testIdentity(CONSUMER).cert, description: 'consumer under test' })).to.match(/^Added components row \d+; pending until published\.$/);
    expect(await rowOf(CONSUMER).locator('td').allTextContents()).to.deep.include.members([CONSUMER, 'consumer under test', 'pending (console)']);
    expect(await add('contracts', { namespace: CONTRACT })).to.match(/^Added contracts row/);
    expect(await add('logical-addresses', { hsaId: UNIT.toLowerCase() })).to.match(/^Added logical-addresses row/);
    expect(await add('permissions', { consumer: CONSUMER, logicalAddress: UNIT, namespace: CONTRACT, from: '2026-01-01', to: '2126-01-01' })).to.match(/^Added permissions row/);
    const cells = await rowOf(CONSUMER).locator('td').allTextContents();
    expect(cells.slice(1, 7)).to.deep.equal([CONSUMER, UNIT, CONTRACT, '2026-01-01', '2126-01-01', 'AUTOTAKNING']);
    await screenshot(page(), 'catalogue-permissions');
  });

  it('refuses a row that refers to a component the catalogue does not have, and keeps what was typed', async () => {
    const notice = await add('permissions', { consumer: 'SE2321000016-NONE', logicalAddress: UNIT, namespace: CONTRACT });
    expect(notice).to.equal("Not added: TAK_ERR_VALIDATION: The change is invalid: consumer: no component 'SE2321000016-NONE' in the catalogue");
    expect(await page().inputValue('#add-form [name=consumer]')).to.equal('SE2321000016-NONE');
  });

  it('shows the pending diff before publishing, every row marked by its change, then publishes a new version', async () => {
    await page().goto(`${base}/console/catalogue/pending`);
    expect(await page().textContent('#diff .diff-summary li')).to.equal('Permissions (anropsbehörigheter) added: 1');
    // The component, contract and address added alone are in the diff too, before any route uses them.
    for (const heading of ['Service components added: 1', 'Service contracts added: 1', 'Logical addresses added: 1']) {
      expect(await page().locator('#diff .diff-summary li', { hasText: heading }).count(), heading).to.equal(1);
    }
    const added = page().locator('#diff-rows tbody tr.change-added', { hasText: 'Service components' });
    expect(await added.locator('td').allTextContents()).to.deep.equal(['added', 'Service components', String(await added.locator('td').nth(2).textContent()), `hsaId: ${CONSUMER}, description: consumer under test`, '', '']);
    expect(await page().locator('#diff-rows tbody tr.change-added', { hasText: CONSUMER }).first().textContent()).to.contain(`${CONSUMER} → ${UNIT} · ${CONTRACT}`);
    await screenshot(page(), 'catalogue-pending');
    await page().fill('#publish-form input[name=comment]', 'consumer under test');
    await page().click('button:has-text("Publish these changes")');
    expect(await page().textContent('.notice.ok')).to.match(/^Published version 2 \(\d+ routes, 1 permissions\); the hub routes from it now\.$/);
    expect(platform.ctx.catalogue.current()!.permissions.map((p) => p.consumer)).to.deep.equal([CONSUMER]);
  });

  it('ends a permission on a date and refuses to delete an address a permission still refers to', async () => {
    await page().goto(`${base}/console/catalogue/permissions`);
    await rowOf(CONSUMER).locator('input[name=to]').fill('2030-06-30');
    await rowOf(CONSUMER).locator('button:has-text("End")').click();
    expect(await page().textContent('.notice.ok')).to.match(/^Row \d+ ended on 2030-06-30; pending until published\.$/);
    expect(await rowOf(CONSUMER).locator('td').nth(5).textContent()).to.equal('2030-06-30');
    await page().goto(`${base}/console/catalogue/logical-addresses?q=${UNIT}`);
    await rowOf(UNIT).locator('button:has-text("Delete")').click();
    expect(await page().textContent('.notice.error')).to.match(/^Row \d+ not changed: TAK_ERR_VALIDATION: .*cannot be deleted/);
    await page().goto(`${base}/console/catalogue/pending`);
    expect(await page().textContent('#diff .diff-summary li')).to.equal('Permissions (anropsbehörigheter) ended: 1');
    expect(await page().locator('#diff-rows tbody tr.change-ended td').allTextContents()).to.include.members(['ended', `${CONSUMER} → ${UNIT} · ${CONTRACT}`, '2030-06-30']);
  });

  it('refuses a rollback while changes are pending, and rolls back the latest version once they are published', async () => {
    await page().goto(`${base}/console/catalogue/versions`);
    await page().click('button:has-text("Roll back the latest version")');
    expect(await page().textContent('.notice.error')).to.match(/^Not rolled back: TAK_ERR_PENDING_CHANGES: /);
    await page().goto(`${base}/console/catalogue/pending`);
    await page().click('button:has-text("Publish these changes")');
    await page().click('#versions a:text-is("3")');
    expect(await page().textContent('h1')).to.equal('Catalogue: version 3');
    expect(await page().textContent('#diff .diff-summary li')).to.equal('Permissions (anropsbehörigheter) ended: 1');
    await screenshot(page(), 'catalogue-version-diff');
    await page().goto(`${base}/console/catalogue/versions`);
    await page().click('button:has-text("Roll back the latest version")');
    expect(await page().textContent('.notice.ok')).to.equal('Version 3 removed; version 2 is active.');
    expect(platform.ctx.catalogue.current()!.permissions[0]!.to).to.equal('2126-01-01');
    await screenshot(page(), 'catalogue-rollback');
  });

  it('refuses to register a system whose uploaded certificate is for another HSA-id', async () => {
    await page().goto(`${base}/console/register`);
    await page().fill('#register-form input[name=hsaId]', 'SE2321000016-OTHER');
    await page().fill('#register-form textarea[name=certificate]', testIdentity(CONSUMER).cert);
    await page().check(`#register-form input[name=contract][value="${CONTRACT}"]`);
    await page().fill('#register-form textarea[name=logicalAddresses]', UNIT);
    await page().click('button:has-text("Make the order and run it dry")');
    expect(await page().textContent('.notice.error')).to.equal(`The certificate is for ${CONSUMER}, not SE2321000016-OTHER.`);
    expect(await page().isChecked(`#register-form input[name=contract][value="${CONTRACT}"]`)).to.equal(true);
    await screenshot(page(), 'register-refused');
  });
});
