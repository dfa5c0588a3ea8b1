import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub } from './hub-calls.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('hub User-Agent towards producers', function () {
  let plain: TestProducer;
  let secure: TestProducer;
  const catalogue = () => snapshot([route(HSA.careUnit, plain.url), route('SECURE', secure.url)], [permission(HSA.careUnit), permission('SECURE')]);

  before(async () => {
    plain = await startProducer();
    secure = await startProducer(undefined, { tls: true });
  });
  after(async () => {
    await Promise.all([plain.close(), secure.close()]);
  });

  it('sends the real VP\'s "SKLTP VP/<version>" with the package version to http and https producers, whatever the consumer sent', async () => {
    const p: TestPlatform = await startTestPlatform({ catalogue: catalogue() });
    try {
      await callHub(p, rivCall(HSA.careUnit), { mtls: HSA.consumer }, { 'user-agent': 'consumer-client/1.0' });
      await callHub(p, rivCall('SECURE'), { mtls: HSA.consumer });
    } finally {
      await p.close();
    }
    expect(plain.calls.at(-1)!.headers['user-agent']).to.equal(`SKLTP VP/${PACKAGE_VERSION}`);
    expect(secure.calls.at(-1)!.headers['user-agent']).to.equal(`SKLTP VP/${PACKAGE_VERSION}`);
  });

  it('sends the value of vp.userAgent when it is set', async () => {
    const p = await startTestPlatform({ catalogue: catalogue(), settings: { 'vp.userAgent': 'SKLTP VP/4.6.1' } });
    try {
      await callHub(p, rivCall(HSA.careUnit), { mtls: HSA.consumer });
    } finally {
      await p.close();
    }
    expect(plain.calls.at(-1)!.headers['user-agent']).to.equal('SKLTP VP/4.6.1');
  });
});
