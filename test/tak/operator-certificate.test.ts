import { expect } from 'chai';
import { Agent, request } from 'undici';
import { createCa, createCertificate, OPERATOR_HSA_ID } from '../../src/pki/index.js';
import { takComponent } from '../../src/tak/index.js';
import { startTestPlatform, testIdentity, type TestPlatform } from '../support/platform.js';

interface Answer {
  status: number;
  json: any;
}

describe('TAK writes with an operator client certificate (issue 3 §4)', () => {
  let t: TestPlatform;
  let httpsUrl: string;
  const agents: Agent[] = [];
  /** a TLS client trusting the dev CA, presenting `client` when given */
  const tlsAgent = (client?: { cert: string; key: string }): Agent => {
    const agent = new Agent({ connect: { ca: testIdentity(OPERATOR_HSA_ID).ca, ...client } });
    agents.push(agent);
    return agent;
  };
  const call = async (url: string, method: 'GET' | 'POST', path: string, opts: { agent?: Agent; token?: string; body?: unknown } = {}): Promise<Answer> => {
    const res = await request(url + path, {
      method,
      dispatcher: opts.agent,
      headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
  };
  const addComponent = (hsaId: string, opts: { url?: string; agent?: Agent; token?: string } = {}): Promise<Answer> =>
    call(opts.url ?? httpsUrl, 'POST', '/api/tak/components', { ...opts, body: { hsaId } });

  before(async () => {
    t = await startTestPlatform({ components: [takComponent], settings: { 'tak.seedDemo': false } });
    httpsUrl = t.platform.adminHttpsUrl!;
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.destroy()));
    await t.close();
  });

  it('prints the HTTPS admin URL with the other URLs', () => {
    expect(httpsUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect([...t.ctx.urls.values()]).to.include(httpsUrl);
  });

  it('accepts a write with the operator certificate and names its HSA-id in the audit trail', async () => {
    const r = await addComponent('SE-CERT-WRITE', { agent: tlsAgent(testIdentity(OPERATOR_HSA_ID)) });
    expect(r.status, JSON.stringify(r.json)).to.equal(201);
    expect(r.json).to.include({ hsaId: 'SE-CERT-WRITE', updatedBy: OPERATOR_HSA_ID });
  });

  it("refuses a write with another system's certificate with 403, naming its HSA-id", async () => {
    const r = await addComponent('SE-NOT-OPERATOR', { agent: tlsAgent(testIdentity('SE-SOME-CONSUMER')) });
    expect(r.status).to.equal(403);
    expect(r.json).to.deep.equal({ code: 'NTJP_ERR_FORBIDDEN', message: "The client certificate's HSA-id SE-SOME-CONSUMER is not an operator (platform.operatorHsaIds)." });
  });

  it('refuses a write with an operator-named certificate from an unknown CA with 401', async () => {
    const foreign = createCertificate({ commonName: OPERATOR_HSA_ID, hsaId: OPERATOR_HSA_ID, issuer: createCa('Unknown CA'), usage: 'client' });
    const r = await addComponent('SE-FOREIGN', { agent: tlsAgent({ cert: foreign.certPem, key: foreign.keyPem }) });
    expect(r.status).to.equal(401);
    expect(r.json).to.deep.equal({ code: 'NTJP_ERR_UNAUTHORIZED', message: 'The client certificate does not chain to a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE).' });
  });

  it('refuses a write without a credential on either listener', async () => {
    for (const r of [await addComponent('SE-NONE-HTTPS', { agent: tlsAgent() }), await addComponent('SE-NONE-HTTP', { url: t.adminUrl })]) {
      expect(r.status).to.equal(401);
      expect(r.json.code).to.equal('NTJP_ERR_UNAUTHORIZED');
    }
  });

  it('still accepts the token on both listeners', async () => {
    expect((await addComponent('SE-TOKEN-HTTPS', { agent: tlsAgent(), token: t.operatorToken })).status).to.equal(201);
    expect((await addComponent('SE-TOKEN-HTTP', { url: t.adminUrl, token: t.operatorToken })).status).to.equal(201);
  });

  it('keeps reads open on loopback on both listeners', async () => {
    for (const r of [await call(httpsUrl, 'GET', '/api/tak/components', { agent: tlsAgent() }), await call(t.adminUrl, 'GET', '/api/tak/components')]) {
      expect(r.status).to.equal(200);
      expect(r.json.map((c: { hsaId: string }) => c.hsaId)).to.include('SE-CERT-WRITE');
    }
  });
});
