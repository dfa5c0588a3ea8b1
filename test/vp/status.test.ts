import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { readableBytes, resetDate, shortDuration } from '../../src/vp/status-report.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

const PACKAGE_JSON = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** The real VP's status keys in its order (without its Java and Camel versions, which we do not have). */
const REAL_VP_KEYS = [
  'Name', 'Version', 'BuildTime', 'ServiceStatus', 'Uptime', 'ManagementName', 'TakCacheInitialized', 'TakCacheResetInfo',
  'HsaCacheInitialized', 'HsaCacheResetInfo', 'JvmTotalMemory', 'JvmFreeMemory', 'JvmUsedMemory', 'JvmMaxMemory', 'Endpoints',
];
const MINUTE = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}`;
const MEMORY = /^\d+(\.\d)? [KMGTPE]?B$/;

async function getStatus(p: TestPlatform): Promise<{ contentType: string; text: string; body: Record<string, unknown> }> {
  const res = await request(`${p.adminUrl}/status`);
  const text = await res.body.text();
  return { contentType: String(res.headers['content-type']), text, body: JSON.parse(text) as Record<string, unknown> };
}

describe('hub status JSON with the real VP\'s keys', function () {
  const units = [{ hsaId: 'SE-REGION', parent: 'SE' }, { hsaId: 'SE-WARD', parent: 'SE-REGION' }];

  it('answers the real VP\'s keys first and in its order, filled from the loaded catalogue, then our own fields', async () => {
    const p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, 'http://127.0.0.1:1/p'), route('SE-REGION', 'http://127.0.0.1:1/p')], [permission(HSA.careUnit)], units) });
    try {
      const { contentType, body } = await getStatus(p);
      expect(contentType).to.match(/^application\/json/);
      expect(Object.keys(body).slice(0, REAL_VP_KEYS.length)).to.deep.equal(REAL_VP_KEYS);
      expect(body).to.include({ Name: PACKAGE_JSON.name, Version: PACKAGE_JSON.version, ServiceStatus: 'Started', ManagementName: 'NTJP-EMULATOR', TakCacheInitialized: 'true', HsaCacheInitialized: 'true' });
      expect(body.TakCacheResetInfo).to.match(new RegExp(`^Date:${MINUTE} Status:REFRESH_OK vagval:2 behorigheter:1$`));
      expect(body.HsaCacheResetInfo).to.match(new RegExp(`^Date:${MINUTE} Status:true oldNum:0 newNum:2$`));
      expect(body.BuildTime).to.be.a('string').and.satisfy((t: string) => new Date(t).toISOString() === t);
      expect(body.Uptime).to.match(/^(\d+(ms|s)|\d+m\d+s)$/);
      for (const k of ['JvmTotalMemory', 'JvmFreeMemory', 'JvmUsedMemory', 'JvmMaxMemory']) expect(body[k], k).to.match(MEMORY);
      expect(body.Endpoints).to.deep.equal([p.hubHttpsUrl, p.hubHttpUrl]);
      expect(body).to.include({ name: 'NTJP-EMULATOR', instanceId: 'NTJP-EMULATOR-1', version: PACKAGE_JSON.version });
      expect(body.uptimeSeconds).to.be.a('number');
      expect(body.vp).to.include({ catalogueLoaded: true, routes: 2, permissions: 1, hsaUnits: 2 });
    } finally {
      await p.close();
    }
  });

  it('says "false" and "Not initialized" until a catalogue is loaded, and reports the HSA count before and after each load', async () => {
    const p = await startTestPlatform();
    try {
      const before = (await getStatus(p)).body;
      expect(before).to.include({ TakCacheInitialized: 'false', TakCacheResetInfo: 'Not initialized', HsaCacheInitialized: 'false', HsaCacheResetInfo: 'Date: Status:false oldNum:0 newNum:0' });
      p.setCatalogue(snapshot([route(HSA.careUnit, 'http://127.0.0.1:1/p')], [permission(HSA.careUnit)], units));
      p.setCatalogue(snapshot([route(HSA.careUnit, 'http://127.0.0.1:1/p')], [], units.slice(0, 1)));
      const after = (await getStatus(p)).body;
      expect(after.TakCacheResetInfo).to.match(new RegExp(`^Date:${MINUTE} Status:REFRESH_OK vagval:1 behorigheter:0$`));
      expect(after.HsaCacheResetInfo).to.match(new RegExp(`^Date:${MINUTE} Status:true oldNum:2 newNum:1$`));
    } finally {
      await p.close();
    }
  });

  it('is indented like the real VP\'s, so probes that match "ServiceStatus": "Started" in the text find it', async () => {
    const p = await startTestPlatform();
    try {
      const { text } = await getStatus(p);
      expect(text).to.include('\n  "ServiceStatus": "Started",\n');
      expect(text).to.include('\n  "TakCacheInitialized": "false",\n');
    } finally {
      await p.close();
    }
  });

  it('writes uptime, memory and reset dates in the real VP\'s forms', () => {
    expect([0, 500, 9000, 27 * 60_000 + 44_000, 3 * 3_600_000 + 12 * 60_000 + 5000, 3 * 86_400_000 + 8 * 3_600_000 + 1].map(shortDuration))
      .to.deep.equal(['0ms', '0s', '9s', '27m44s', '3h12m', '3d8h']);
    expect([512, 1536, 12.3 * 1024 * 1024, 2 * 1024 ** 3].map(readableBytes)).to.deep.equal(['512 B', '1.5 KB', '12.3 MB', '2.0 GB']);
    expect(resetDate(new Date(2026, 0, 5, 7, 3, 59))).to.equal('2026-01-05T07:03');
  });
});
