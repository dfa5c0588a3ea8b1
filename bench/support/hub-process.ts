/**
 * The hub (vp component only) in its own process, routing contract `urn:bench:PingResponder:1` at logical
 * address BENCH to the producer on 127.0.0.1:<argv[2]>, with consumer BENCH-CONSUMER authorized.
 * Prints {"httpPort","httpsPort","adminPort","certsDir"}; answers IPC "rss" with the peak RSS since the last "rss-reset"
 * the CPU time used so far and the V8 heap's figures; "gc" answers the same after a full garbage collection (when run with --expose-gc).
 * Optional argv[3], JSON `{"namespaces": [...], "contracts": true, "addresses": {"<address>": <port>}}`: more
 * contracts routed the same way, the contracts component (own wsdl/ schemas), whose validation rules IPC
 * `{"rules": [...]}` replaces, and more logical addresses for the bench contract, each to its own producer;
 * `"logFile": "<path>"` logs at info level, as JSON lines, to that file (else nothing is logged);
 * `"workers": n` serves the listeners from n hub workers (platform.workers, default 0).
 * Its temp folder (certificates, data) goes when the process exits.
 */
import { mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadSettings } from '../../src/config/load.js';
import { platformSettings } from '../../src/platform/settings.js';
import { vpSettings } from '../../src/vp/settings.js';
import { startPlatform } from '../../src/app/platform.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { initDevPki } from '../../src/pki/index.js';
import { createLogger, silentLogger } from '../../src/shared/log.js';
import type { PlatformComponent } from '../../src/platform/context.js';
import { contractsComponent, contractsSettings, parseRule, type ContractsService } from '../../src/contracts/index.js';

export const BENCH_NAMESPACE = 'urn:bench:PingResponder:1';
const producerPort = Number(process.argv[2]);
const options = JSON.parse(process.argv[3] ?? '{}') as { namespaces?: string[]; contracts?: boolean; addresses?: Record<string, number>; logFile?: string; workers?: number };
const namespaces = [BENCH_NAMESPACE, ...(options.namespaces ?? [])];
const dir = mkdtempSync(join(tmpdir(), 'ntjp-bench-hub-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const certsDir = join(dir, 'certs');
initDevPki(certsDir, ['BENCH-CONSUMER']);
const settings = loadSettings([platformSettings, vpSettings, contractsSettings], {
  argv: ['--data-dir', join(dir, 'data'), '--certs-dir', certsDir, '--https-port', '0', '--http-port', '0', '--admin-port', '0', '--admin-https-port', '-1', '--services-port', '0', '--workers', String(options.workers ?? 0)],
  env: {},
  cwd: dir,
});
const far = '2999-12-31';
const targets: Array<[address: string, namespace: string, port: number]> = [
  ...namespaces.map((namespace): [string, string, number] => ['BENCH', namespace, producerPort]),
  ...Object.entries(options.addresses ?? {}).map(([address, port]): [string, string, number] => [address, BENCH_NAMESPACE, port]),
];
const catalogue: PlatformComponent = {
  name: 'bench-catalogue',
  async start(ctx) {
    ctx.catalogue.set({
      version: 1,
      publishedAt: new Date().toISOString(),
      routes: targets.map(([logicalAddress, namespace, port], i) => ({ id: i + 1, logicalAddress, namespace, profile: 'RIVTABP21' as const, url: `http://127.0.0.1:${port}/ping`, component: 'BENCH-PRODUCER', from: '2000-01-01', to: far })),
      permissions: targets.map(([logicalAddress, namespace], i) => ({ id: i + 1, logicalAddress, namespace, consumer: 'BENCH-CONSUMER', from: '2000-01-01', to: far, filters: [] })),
      hsaUnits: [],
    });
    return { close: async () => undefined };
  },
};
const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
const log = logFd === undefined ? silentLogger : createLogger('info', {}, (line) => void writeSync(logFd, line), 'json');
const platform = await startPlatform(settings, [catalogue, vpComponent, ...(options.contracts ? [contractsComponent] : [])], log);
let peakRss = process.memoryUsage.rss();
/** RSS is sampled from the first "rss-reset" on: the throughput runs before it do not pay for sampling. */
let sampler: NodeJS.Timeout | undefined;
process.on('message', (m) => {
  const rules = (m as { rules?: string[] }).rules;
  if (rules) {
    platform.ctx.use<ContractsService>('contracts').rules.replace(rules.map(parseRule));
    process.send?.({ rules: rules.length });
    return;
  }
  if (m === 'gc') (globalThis as { gc?: () => void }).gc?.();
  if (m === 'rss-reset') {
    peakRss = process.memoryUsage.rss();
    sampler ??= setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5).unref();
  }
  const cpu = process.cpuUsage();
  const { heapTotal, heapUsed, external } = process.memoryUsage();
  process.send?.({ rss: process.memoryUsage.rss(), peakRss, cpuMicros: cpu.user + cpu.system, heapTotal, heapUsed, external });
});
const { urls } = platform.ctx.use<VpApi>('vp');
process.stdout.write(JSON.stringify({ httpPort: Number(new URL(urls.http).port), httpsPort: Number(new URL(urls.https).port), adminPort: Number(new URL(platform.adminUrl).port), certsDir }) + '\n');
process.on('SIGTERM', () => void platform.close().then(() => process.exit(0)));
