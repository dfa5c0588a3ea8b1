import { expect } from 'chai';
import { request } from 'undici';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { takComponent } from '../../src/tak/component.js';
import { createConsoleComponent } from '../../src/console/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

interface Sent {
  method?: 'GET' | 'POST' | 'PUT';
  cookie?: string;
  origin?: string;
  fetchSite?: string;
  /** the CSRF token in the x-ntjp-csrf-token header */
  token?: string;
  bearer?: string;
  form?: Record<string, string>;
  json?: unknown;
}

interface Answer {
  status: number;
  text: string;
  setCookies: string[];
}

const capturing = (t: TestPlatform) => t.ctx.use<VpApi>('vp').traffic.capturing;

describe('console and REST: cross-site request forgery is refused', function () {
  this.timeout(30_000);
  let t: TestPlatform;
  let own = '';

  async function send(path: string, s: Sent = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (s.cookie) headers.cookie = s.cookie;
    if (s.origin) headers.origin = s.origin;
    if (s.fetchSite) headers['sec-fetch-site'] = s.fetchSite;
    if (s.token) headers['x-ntjp-csrf-token'] = s.token;
    if (s.bearer) headers.authorization = `Bearer ${s.bearer}`;
    let body: string | undefined;
    if (s.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(s.form).toString();
    } else if (s.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(s.json);
    }
    const res = await request(own + path, { method: s.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const setCookie = res.headers['set-cookie'];
    return { status: res.statusCode, text: await res.body.text(), setCookies: setCookie === undefined ? [] : [setCookie].flat() };
  }

  /** Signs in on the console; the cookie header of the new session. */
  async function signIn(): Promise<string> {
    const answer = await send('/console/sign-in', { form: { token: t.operatorToken, back: '/console/' } });
    expect(answer.status).to.equal(303);
    return answer.setCookies.map((c) => c.split(';')[0]).join('; ');
  }

  /** The session's token as a console page gives it to scripts. */
  async function tokenOf(cookie: string): Promise<string> {
    const page = await send('/console/traffic', { cookie });
    return /<meta name="ntjp-csrf-token" content="([^"]+)">/.exec(page.text)![1]!;
  }

  const refusedFrom = (origin: string) =>
    `Refused: this request comes from a page of another origin (Origin: ${origin}), not from ${own}; only the console's own pages may change the platform.`;
  const MISSING_TOKEN = 'Refused: the request lacks this console session&#39;s CSRF token (form field _csrf or header x-ntjp-csrf-token); reload the page and try again.';
  const MISSING_TOKEN_JSON = {
    code: 'NTJP_ERR_CSRF',
    message: "Refused: the request lacks this console session's CSRF token (form field _csrf or header x-ntjp-csrf-token); reload the page and try again.",
  };

  before(async () => {
    t = await startTestPlatform({ components: [vpComponent, takComponent, createConsoleComponent()], settings: { 'tak.seedDemo': false, 'console.probeIntervalMs': 0 } });
    own = t.adminUrl;
  });
  after(async () => {
    await t?.close();
  });
  afterEach(async () => {
    await send('/api/traffic/capture', { method: 'PUT', bearer: t.operatorToken, json: { on: false } });
  });

  it('puts the session token in every POST form of a signed-in page, and in a meta tag for scripts', async () => {
    const cookie = await signIn();
    const token = await tokenOf(cookie);
    const page = await send('/console/traffic', { cookie });
    const forms = page.text.match(/<form [^>]*method="post"[^>]*>/g)!;
    expect(forms).to.have.length(2); // sign-out and the capture switch
    const fields = page.text.match(/<form [^>]*method="post"[^>]*><input type="hidden" name="_csrf" value="([^"]+)">/g)!;
    expect(fields).to.have.length(2);
    expect(fields.every((f) => f.endsWith(`value="${token}">`))).to.equal(true);
  });

  it('refuses a console form with the sign-in cookie and the right token sent from Origin http://evil.example: 403 page, capture stays off', async () => {
    const cookie = await signIn();
    const answer = await send('/console/traffic/capture', { cookie, origin: 'http://evil.example', form: { capture: 'on', _csrf: await tokenOf(cookie) } });
    expect(answer.status).to.equal(403);
    expect(answer.text).to.contain('<title>Request refused · NTjP emulator console</title>');
    expect(answer.text).to.contain(`${refusedFrom('http://evil.example').replace("'", '&#39;')}</p><p>Nothing was changed.</p>`);
    expect(capturing(t)).to.equal(false);
  });

  it('refuses a console form sent from another port of the same host, by Origin and by Sec-Fetch-Site: same-site', async () => {
    const cookie = await signIn();
    const token = await tokenOf(cookie);
    const otherPort = `http://127.0.0.1:${Number(new URL(own).port) + 1}`;
    const byOrigin = await send('/console/traffic/capture', { cookie, origin: otherPort, form: { capture: 'on', _csrf: token } });
    expect(byOrigin.status).to.equal(403);
    expect(byOrigin.text).to.contain(refusedFrom(otherPort).replace("'", '&#39;'));
    const bySite = await send('/console/traffic/capture', { cookie, fetchSite: 'same-site', form: { capture: 'on', _csrf: token } });
    expect(bySite.status).to.equal(403);
    expect(bySite.text).to.contain('Refused: the browser sent this request from a page of another origin (Sec-Fetch-Site: same-site); only the console&#39;s own pages may change the platform.');
    expect(capturing(t)).to.equal(false);
  });

  it('refuses a console form with the sign-in cookie but without the token, or with another session\'s token', async () => {
    const cookie = await signIn();
    const missing = await send('/console/traffic/capture', { cookie, origin: own, form: { capture: 'on' } });
    expect(missing.status).to.equal(403);
    expect(missing.text).to.contain(MISSING_TOKEN);
    const otherSession = await tokenOf(await signIn());
    const wrong = await send('/console/traffic/capture', { cookie, origin: own, form: { capture: 'on', _csrf: otherSession } });
    expect(wrong.status).to.equal(403);
    expect(wrong.text).to.contain(MISSING_TOKEN);
    expect(capturing(t)).to.equal(false);
  });

  it('refuses a session cookie planted by another page: its token cannot be made without the server key', async () => {
    const operatorCookie = (await signIn()).split('; ').find((c) => c.startsWith('ntjp_operator='))!;
    const answer = await send('/console/traffic/capture', { cookie: `${operatorCookie}; ntjp_session=planted`, form: { capture: 'on', _csrf: 'planted' } });
    expect(answer.status).to.equal(403);
    expect(answer.text).to.contain(MISSING_TOKEN);
    const noSession = await send('/console/traffic/capture', { cookie: operatorCookie, form: { capture: 'on', _csrf: 'planted' } });
    expect(noSession.status).to.equal(403);
    expect(noSession.text).to.contain('Refused: this sign-in has no console session to check a CSRF token against; sign in again.');
    expect(capturing(t)).to.equal(false);
  });

  it('accepts the console form from its own origin with the session token', async () => {
    const cookie = await signIn();
    const answer = await send('/console/traffic/capture', { cookie, origin: own, fetchSite: 'same-origin', form: { capture: 'on', _csrf: await tokenOf(cookie) } });
    expect(answer.status).to.equal(200);
    expect(answer.text).to.contain('Body capture switched on.');
    expect(capturing(t)).to.equal(true);
  });

  it('refuses a REST write signed in by the cookie from Origin http://evil.example, even with the token: 403 JSON', async () => {
    const cookie = await signIn();
    const answer = await send('/api/traffic/capture', { method: 'PUT', cookie, origin: 'http://evil.example', token: await tokenOf(cookie), json: { on: true } });
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.text)).to.deep.equal({ code: 'NTJP_ERR_CSRF', message: refusedFrom('http://evil.example') });
    expect(capturing(t)).to.equal(false);
  });

  it('refuses a REST write signed in by the cookie without the token header, and accepts it with the header from the same origin', async () => {
    const cookie = await signIn();
    const missing = await send('/api/traffic/capture', { method: 'PUT', cookie, json: { on: true } });
    expect(missing.status).to.equal(403);
    expect(JSON.parse(missing.text)).to.deep.equal(MISSING_TOKEN_JSON);
    const published = await send('/api/tak/publish', { cookie, json: { comment: 'forged' } });
    expect(published.status).to.equal(403);
    expect(JSON.parse(published.text)).to.deep.equal(MISSING_TOKEN_JSON);
    expect(capturing(t)).to.equal(false);
    const accepted = await send('/api/traffic/capture', { method: 'PUT', cookie, origin: own, token: await tokenOf(cookie), json: { on: true } });
    expect(accepted.status).to.equal(200);
    expect(JSON.parse(accepted.text)).to.deep.equal({ capture: true });
    expect(capturing(t)).to.equal(true);
  });

  it('lets the bearer token write without a CSRF token (the CLI and scripts), and still refuses it from another origin', async () => {
    const script = await send('/api/traffic/capture', { method: 'PUT', bearer: t.operatorToken, json: { on: true } });
    expect(script.status).to.equal(200);
    expect(capturing(t)).to.equal(true);
    const page = await send('/api/traffic/capture', { method: 'PUT', bearer: t.operatorToken, origin: 'http://evil.example', json: { on: false } });
    expect(page.status).to.equal(403);
    expect(JSON.parse(page.text)).to.deep.equal({ code: 'NTJP_ERR_CSRF', message: refusedFrom('http://evil.example') });
    expect(capturing(t)).to.equal(true);
  });

  it('leaves reads alone: a GET with the cookie from another origin is answered', async () => {
    const answer = await send('/api/traffic', { cookie: await signIn(), origin: 'http://evil.example' });
    expect(answer.status).to.equal(200);
  });
});
