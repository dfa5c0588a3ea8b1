import { expect } from 'chai';
import { Agent, request } from 'undici';
import { createCertificate, HUB_NAME, OPERATOR_HSA_ID, readDevCa, readIdentity } from '../../src/pki/index.js';
import { takComponent, takSettings } from '../../src/tak/index.js';
import { startConsolePlatform, type ConsolePlatform } from './support/console-platform.js';

const NOBODY = 'SE-NOBODY';

describe('console: the operator is the serialNumber of the certificate, never text in its subject', () => {
  let t: ConsolePlatform;
  let httpsUrl: string;
  let imitator: Agent;

  before(async () => {
    t = await startConsolePlatform(() => Date.now(), [takComponent], [takSettings], { adminHttps: true });
    httpsUrl = t.platform.adminHttpsUrl!;
    const certsDir = t.platform.ctx.certsDir;
    // Issued by the trusted dev CA; only its common name pretends to be the operator.
    const cert = createCertificate({ commonName: `x,SERIALNUMBER=${OPERATOR_HSA_ID}`, hsaId: NOBODY, issuer: readDevCa(certsDir), usage: 'client' });
    imitator = new Agent({ connect: { cert: cert.certPem, key: cert.keyPem, ca: readIdentity(certsDir, HUB_NAME).ca } });
  });
  after(async () => {
    await imitator.destroy();
    await t.close();
  });

  it('refuses an operator write to a certificate whose common name imitates the operator, naming its real HSA-id', async () => {
    const res = await request(`${httpsUrl}/api/tak/publish`, { method: 'POST', dispatcher: imitator, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.statusCode).to.equal(403);
    expect(await res.body.json()).to.deep.equal({
      code: 'NTJP_ERR_FORBIDDEN',
      message: `The client certificate's HSA-id ${NOBODY} is not an operator (platform.operatorHsaIds).`,
    });
  });

  it('shows the console signed out to that certificate', async () => {
    const res = await request(`${httpsUrl}/console/`, { dispatcher: imitator });
    expect(res.statusCode).to.equal(200);
    expect(await res.body.text()).to.contain('Sign in').and.not.contain('Sign out');
  });
});
