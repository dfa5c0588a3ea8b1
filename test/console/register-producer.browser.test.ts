import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { Agent, request } from 'undici';
import { hsaIdFromCertificate, P12_PASSWORD } from '../../src/pki/index.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { takComponent } from '../../src/tak/component.js';
import { vpComponent } from '../../src/vp/index.js';
import { createConsoleComponent, type ConsoleApi } from '../../src/console/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { openBrowser, screenshot, signIn, skipWithoutChromium, type Browser } from './support/browser.js';

const SYSTEM = 'SE2321000016-E2EP';
const UNIT = 'SE2321000016-E2EU';
const ECHO = 'urn:riv:test:echo:EchoResponder:1';
const CORRELATION_HEADER = 'x-skltp-correlation-id';

describe('console in a real browser: register a producer, publish, call it through the hub, see the call', function () {
  this.timeout(60_000);
  let platform: TestPlatform;
  let browser: Browser;
  let producer: Server;
  let producerUrl = '';
  const received: IncomingHttpHeaders[] = [];
  let base = '';
  const files: Record<string, string> = {};

  before(async function () {
    skipWithoutChromium(this);
    producer = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.headers);
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(soapEnvelope(`<EchoResponse xmlns="${ECHO}"><text>pong</text></EchoResponse>`));
      });
    });
    await new Promise<void>((r) => producer.listen(0, '127.0.0.1', r));
    producerUrl = `http://127.0.0.1:${(producer.address() as AddressInfo).port}/echo`;
    platform = await startTestPlatform({ components: [takComponent, vpComponent, createConsoleComponent()], settings: { 'tak.seedDemo': false, 'console.probeIntervalMs': 0 } });
    base = platform.adminUrl;
    browser = await openBrowser();
    await signIn(browser.page, base, platform.operatorToken, '/console/register');
  });

  after(async () => {
    await browser?.close();
    await platform?.close();
    producer?.close();
  });

  it('shows a new system\'s routes and permissions as an order that passes a dry run, writing no certificate yet', async () => {
    const { page } = browser;
    await page.fill('#register-form input[name=hsaId]', SYSTEM.toLowerCase());
    await page.fill('#register-form input[name=description]', 'Echo producer under test');
    await page.fill('#register-form textarea[name=otherContracts]', ECHO);
    await page.fill('#register-form textarea[name=logicalAddresses]', UNIT);
    await page.fill('#register-form input[name=url]', producerUrl);
    expect(await page.isChecked('#register-form input[name=selfConsumer]')).to.equal(true);
    await screenshot(page, 'register-form');
    await page.click('button:has-text("Make the order and run it dry")');
    expect(await page.textContent('.notice.ok[role=status]')).to.equal('Dry run passed: nothing was changed. Apply to make these changes.');
    expect(await page.textContent('#certificate-files')).to.equal(`A test certificate for ${SYSTEM} is issued from the dev CA when you apply the order (an existing one is kept).`);
    expect(existsSync(join(platform.certsDir, `${SYSTEM}.pem`))).to.equal(false);
    expect((await browser.context.request.get(`${base}/console/register/files/${SYSTEM}.pem`)).status()).to.equal(404);
    const order = JSON.parse(await page.inputValue('#order')) as { inkludera: { vagval: unknown[]; anropsbehorigheter: unknown[] } };
    expect(order.inkludera.vagval).to.deep.equal([{ logiskAdress: UNIT, tjanstekontrakt: ECHO, adress: producerUrl, rivtaprofil: 'RIVTABP21', tjanstekomponent: SYSTEM }]);
    expect(order.inkludera.anropsbehorigheter).to.deep.equal([{ logiskAdress: UNIT, tjanstekontrakt: ECHO, tjanstekonsument: SYSTEM }]);
    expect(await page.textContent('#order-report')).to.contain(producerUrl);
    await screenshot(page, 'register-dry-run');
  });

  it('applies the order and publishes it after showing the diff, so the hub routes to the new producer', async () => {
    const { page } = browser;
    await page.click('button:has-text("Apply")');
    expect(await page.textContent('.notice.ok[role=status]')).to.equal('The order was applied; publish it on Catalogue → Pending changes and publish.');
    expect(await page.textContent('#certificate-files')).to.contain(`A new test certificate for ${SYSTEM}`);
    await page.goto(`${base}/console/catalogue/pending`);
    expect(await page.textContent('#diff .diff-summary li:has-text("Routes (vägval) added")')).to.equal('Routes (vägval) added: 1');
    expect(await page.textContent('#diff-rows tr.change-added:has-text("Routes (vägval)")')).to.contain(producerUrl);
    expect(await page.textContent('#diff-rows tr.change-added:has-text("Permissions (anropsbehörigheter)")')).to.contain(SYSTEM);
    await screenshot(page, 'catalogue-pending-register');
    await page.fill('#publish-form input[name=comment]', `register ${SYSTEM}`);
    await page.click('button:has-text("Publish these changes")');
    expect(await page.textContent('.notice.ok')).to.match(/^Published version \d+ \(\d+ routes, \d+ permissions\); the hub routes from it now\.$/);
    expect(await page.textContent('#versions')).to.contain(`register ${SYSTEM}`);
    await screenshot(page, 'catalogue-versions');
    expect(platform.ctx.catalogue.current()!.routes.some((r) => r.url === producerUrl && r.component === SYSTEM)).to.equal(true);
  });

  it('offers the certificate as PEM, key and PKCS#12 with the HSA-id in the subject serialNumber', async () => {
    for (const name of [`${SYSTEM}.pem`, `${SYSTEM}.key`, 'ca.pem']) {
      const answer = await browser.context.request.get(`${base}/console/register/files/${name}`);
      expect(answer.status(), name).to.equal(200);
      files[name] = await answer.text();
    }
    expect(hsaIdFromCertificate(files[`${SYSTEM}.pem`]!)).to.equal(SYSTEM);
    expect(files[`${SYSTEM}.key`]).to.contain('PRIVATE KEY');
    const p12 = await browser.context.request.get(`${base}/console/register/files/${SYSTEM}.p12`);
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer((await p12.body()).toString('binary'))), P12_PASSWORD);
    const certs = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!;
    expect(certs.map((b) => b.cert!.subject.getField('CN')?.value)).to.include(SYSTEM);
    expect((await browser.context.request.get(`${base}/console/register/files/ca.key`)).status()).to.equal(404);
    expect((await browser.context.request.get(`${base}/console/register/files/hub.key`)).status()).to.equal(404);
  });

  /** One Echo call through the hub's mTLS listener with the certificate downloaded from the console. */
  async function callEcho(text: string): Promise<void> {
    const agent = new Agent({ connect: { cert: files[`${SYSTEM}.pem`], key: files[`${SYSTEM}.key`], ca: files['ca.pem'] } });
    try {
      const answer = await request(platform.hubHttpsUrl, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ECHO}"` },
        body: rivRequest(UNIT, `<Echo xmlns="${ECHO}"><text>${text}</text></Echo>`),
      });
      expect(answer.statusCode).to.equal(200);
      expect(await answer.body.text()).to.contain('pong');
    } finally {
      await agent.close();
    }
  }

  it('shows a call through the hub with the new certificate in the traffic log, and the producer counts as up', async () => {
    await callEcho('ping');
    expect(received).to.have.length(1);
    const correlationId = String(received[0]![CORRELATION_HEADER]);
    const { page } = browser;
    await page.goto(`${base}/console/traffic?sender=${SYSTEM}`);
    const cells = await page.locator('#traffic tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(0, 1)).to.deep.equal([correlationId]);
    expect(cells.slice(2, 7)).to.deep.equal([SYSTEM, UNIT, ECHO, 'ok', '']);
    expect(cells[7]).to.equal('200');
    await screenshot(page, 'traffic');
    const availability = platform.ctx.use<ConsoleApi>('console').availability;
    expect((await availability.changes(SYSTEM, ECHO, Date.now() + 1)).map((c) => [c.up, c.source])).to.deep.equal([[true, 'call']]);
  });

  it('adds a new call to an open traffic page without a reload', async () => {
    const { page } = browser;
    await page.goto(`${base}/console/traffic?sender=${SYSTEM}`);
    expect(await page.locator('#traffic tbody tr').count()).to.equal(1);
    await callEcho('live');
    // evaluated in the page (a string: the tests compile without the DOM library)
    await page.waitForFunction("document.querySelectorAll('#traffic tbody tr').length === 2");
    expect(received).to.have.length(2);
    expect(await page.locator('#traffic tbody tr').first().locator('td').first().textContent()).to.equal(String(received[1]![CORRELATION_HEADER]));
  });

  it('switches body capture on and then shows the request and response bodies of a call', async () => {
    const { page } = browser;
    await page.goto(`${base}/console/traffic`);
    expect(await page.locator('#traffic details').count()).to.equal(0);
    await page.click('button:has-text("Switch body capture on")');
    expect(await page.textContent('.notice.ok')).to.equal('Body capture switched on.');
    await callEcho('captured-ping');
    await page.goto(`${base}/console/traffic?sender=${SYSTEM}`);
    const bodies = page.locator('#traffic tr.bodies').first();
    expect(await bodies.locator('summary').allTextContents()).to.deep.equal(['requestBody', 'responseBody']);
    expect(await bodies.locator('pre.body').first().textContent()).to.contain('<text>captured-ping</text>');
    expect(await bodies.locator('pre.body').last().textContent()).to.contain('<text>pong</text>');
    await bodies.locator('summary').first().click();
    await screenshot(page, 'traffic-capture');
  });

  it('shows the catalogue’s error and every problem of an order that refers to a component it does not have', async () => {
    const { page } = browser;
    const bad = {
      plattform: 'NTJP-TEST',
      genomforandeTidpunkt: '2026-01-01T00:00:00',
      inkludera: { vagval: [{ adress: producerUrl, logiskAdress: UNIT, tjanstekontrakt: ECHO, rivtaprofil: 'RIVTABP21', tjanstekomponent: 'SE2321000016-NOSUCH' }] },
      exkludera: {},
    };
    await page.goto(`${base}/console/orders`);
    await page.fill('#order', JSON.stringify(bad, null, 2));
    await page.click('button:has-text("Dry run")');
    expect(await page.textContent('.notice.error')).to.match(/^The order was refused: TAK_ERR_VALIDATION: /);
    expect(await page.textContent('#order-report')).to.contain('inkludera.vagval[0]');
    expect(await page.textContent('#order-report')).to.contain('SE2321000016-NOSUCH');
    expect(await page.locator('button:has-text("Apply")').count()).to.equal(0);
    await screenshot(page, 'orders-refused');
  });
});
