/**
 * The hub (vp component only) in its own process, routing contract `urn:bench:PingResponder:1` at logical
 * address BENCH to the producer on 127.0.0.1:<argv[2]>, with consumer BENCH-CONSUMER authorized.
 * Prints {"httpPort","httpsPort","certsDir"}; answers IPC "rss" with the peak RSS since the last "rss-reset".
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadSettings } from '../../src/config/load.js';
import { platformSettings } from '../../src/platform/settings.js';
import { vpSettings } from '../../src/vp/settings.js';
import { startPlatform } from '../../src/platform/platform.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { initDevPki } from '../../src/pki/index.js';
import { silentLogger } from '../../src/shared/log.js';
import type { PlatformComponent } from '../../src/platform/context.js';

export const BENCH_NAMESPACE = 'urn:bench:PingResponder:1';
const producerPort = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), 'ntjp-bench-hub-'));
const certsDir = join(dir, 'certs');
initDevPki(certsDir, ['BENCH-CONSUMER']);
const settings = loadSettings([platformSettings, vpSettings], {
  argv: ['--data-dir', join(dir, 'data'), '--certs-dir', certsDir, '--https-port', '0', '--http-port', '0', '--admin-port', '0', '--admin-https-port', '-1', '--services-port', '0'],
  env: {},
  cwd: dir,
});
const far = '2999-12-31';
const catalogue: PlatformComponent = {
  name: 'bench-catalogue',
  async start(ctx) {
    ctx.catalogue.set({
      version: 1,
      publishedAt: new Date().toISOString(),
      routes: [{ id: 1, logicalAddress: 'BENCH', namespace: BENCH_NAMESPACE, profile: 'RIVTABP21', url: `http://127.0.0.1:${producerPort}/ping`, component: 'BENCH-PRODUCER', from: '2000-01-01', to: far }],
      permissions: [{ id: 1, logicalAddress: 'BENCH', namespace: BENCH_NAMESPACE, consumer: 'BENCH-CONSUMER', from: '2000-01-01', to: far, filters: [] }],
      hsaUnits: [],
    });
    return { close: async () => undefined };
  },
};
const platform = await startPlatform(settings, [catalogue, vpComponent], silentLogger);
let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5).unref();
process.on('message', (m) => {
  if (m === 'rss-reset') peakRss = process.memoryUsage().rss;
  process.send?.({ rss: process.memoryUsage().rss, peakRss });
});
const { urls } = platform.ctx.use<VpApi>('vp');
process.stdout.write(JSON.stringify({ httpPort: Number(new URL(urls.http).port), httpsPort: Number(new URL(urls.https).port), certsDir }) + '\n');
process.on('SIGTERM', () => void platform.close().then(() => process.exit(0)));
