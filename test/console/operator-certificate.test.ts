import { expect } from 'chai';
import { Agent, request } from 'undici';
import { issueSystemCertificate, OPERATOR_HSA_ID, readIdentity } from '../../src/pki/index.js';
import { takComponent, takSettings } from '../../src/tak/index.js';
import { startConsolePlatform, type ConsolePlatform } from './support/console-platform.js';

describe('console: sign-in by operator client certificate on the admin HTTPS listener', () => {
  let t: ConsolePlatform;
  let httpsUrl: string;
  const agents: Agent[] = [];
  const page = async (path: string, client?: { cert: string; key: string }, method: 'GET' | 'POST' = 'GET', form?: string) => {
    const agent = new Agent({ connect: { ca: operator().ca, ...client } });
    agents.push(agent);
    const res = await request(httpsUrl + path, {
      method,
      dispatcher: agent,
      headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: form,
    });
    return { status: res.statusCode, text: await res.body.text() };
  };
  const operator = () => readIdentity(t.platform.ctx.certsDir, OPERATOR_HSA_ID);

  before(async () => {
    t = await startConsolePlatform(() => Date.now(), [takComponent], [takSettings], { adminHttps: true });
    httpsUrl = t.platform.adminHttpsUrl!;
    issueSystemCertificate(t.platform.ctx.certsDir, OPERATOR_HSA_ID); // as `ntjp certs init` does
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.destroy()));
    await t.close();
  });

  it('shows the console signed in to a browser presenting the operator certificate, and signed out without it', async () => {
    const withCert = await page('/console/', operator());
    expect(withCert.status).to.equal(200);
    expect(withCert.text).to.contain('Sign out');
    const without = await page('/console/');
    expect(without.status).to.equal(200);
    expect(without.text).to.contain('Sign in').and.not.contain('Sign out');
  });

  it('lets the certificate write through a console form, and refuses the same form without it', async () => {
    const form = 'hsaId=SE-CONSOLE-CERT&description=added+with+the+operator+certificate';
    const refused = await page('/console/catalogue/components', undefined, 'POST', form);
    expect(refused.status).to.equal(401);
    const added = await page('/console/catalogue/components', operator(), 'POST', form);
    expect(added.status).to.be.oneOf([200, 303]);
    const list = await page('/console/catalogue/components?q=SE-CONSOLE-CERT', operator());
    expect(list.text).to.contain('SE-CONSOLE-CERT');
  });
});
