/**
 * The console's route list at 100,000 routes: server time per page ≤ 300 ms. A platform with the catalogue
 * and the console on loopback, the routes applied through the order engine and published; each page is
 * fetched as a browser would (HTML over HTTP) and timed from request to the last byte, median of ROUNDS.
 * The first request after a change reads the working rows once (cold); the table is reported apart.
 * `CONSOLE_BENCH_ROWS` (default 100000) sets the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { loadSettings } from '../src/config/load.js';
import { SETTINGS_GROUPS } from '../src/app/settings-groups.js';
import { startPlatform } from '../src/app/platform.js';
import { silentLogger } from '../src/shared/log.js';
import { takComponent, type TakService } from '../src/tak/index.js';
import { consoleComponent } from '../src/console/index.js';
import { localToday } from '../src/shared/local-time.js';
import { report } from './support/report.js';

const ROWS = Number(process.env.CONSOLE_BENCH_ROWS ?? 100_000);
const ROUNDS = 5;
const BAR_MS = 300;
const CONTRACTS = ['urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1', 'urn:riv:crm:scheduling:MakeBookingResponder:1'];
const unit = (i: number): string => `SE2321000016-${String(i).padStart(6, '0')}`;

function order(rows: number): Record<string, unknown> {
  const units = Array.from({ length: Math.ceil(rows / CONTRACTS.length) }, (_v, i) => unit(i));
  const pairs = units.flatMap((u) => CONTRACTS.map((ns) => [u, ns] as const)).slice(0, rows);
  return {
    genomforandeTidpunkt: localToday(),
    inkludera: {
      tjanstekontrakt: CONTRACTS.map((namnrymd) => ({ namnrymd })),
      logiskadresser: units.map((hsaId) => ({ hsaId })),
      tjanstekomponenter: [{ hsaId: 'SE2321000016-PROD' }],
      anropsbehorigheter: [],
      vagval: pairs.map(([u, ns], i) => ({ adress: `https://producer${i % 50}.example:8443/vp/${ns}`, logiskAdress: u, tjanstekontrakt: ns, rivtaprofil: 'RIVTABP21', tjanstekomponent: 'SE2321000016-PROD' })),
    },
    exkludera: {},
  };
}

/** The pages measured: the working route list (through the catalogue's paged REST API) and the published one. */
const PAGES: ReadonlyArray<[label: string, path: string]> = [
  ['working routes, page 1', '/console/catalogue/routes'],
  ['working routes, page 1,001 by id', '/console/catalogue/routes?offset=50000'],
  ['working routes, by contract descending, page 1,001', '/console/catalogue/routes?sort=namespace&desc=1&offset=50000'],
  ['working routes, by URL, last page', `/console/catalogue/routes?sort=url&offset=${Math.floor((ROWS - 1) / 50) * 50}`],
  ['working routes, filtered on a logical address', `/console/catalogue/routes?f.logicalAddress=${unit(12_345)}`],
  ['working routes, search on any column', '/console/catalogue/routes?q=producer7.example'],
  ['published routes, by logical address, page 1,001', '/console/catalogue?sort=logicalAddress&offset=50000'],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timedGet(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await request(url);
  const body = await res.body.text();
  if (res.statusCode !== 200 || !body.includes('nav class="pager"')) throw new Error(`${url}: HTTP ${res.statusCode}`);
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-console-bench-'));
  const settings = loadSettings([...SETTINGS_GROUPS], { argv: [], env: {}, cwd: dir });
  for (const key of Object.keys(settings)) if (/Port$/.test(key)) settings[key] = 0;
  Object.assign(settings, { 'platform.dataDir': join(dir, 'data'), 'platform.certsDir': join(dir, 'certs'), 'platform.logLevel': 'silent', 'platform.operatorToken': 'bench', 'tak.seedDemo': false, 'console.probeIntervalMs': 0 });
  const platform = await startPlatform(settings, [takComponent, consoleComponent], silentLogger);
  const tak = platform.ctx.use<TakService>('tak');
  const t0 = performance.now();
  await tak.order(order(ROWS), { dryRun: false, user: 'bench' });
  await tak.publish('bench', 'bench');
  const seedSeconds = (performance.now() - t0) / 1000;
  const base = platform.adminUrl;
  const coldMs = await timedGet(base + PAGES[0]![1]);
  const rows: Array<Record<string, string | number>> = [{ page: 'working routes, page 1, first after a change (reads the working rows)', 'server ms': coldMs, 'first ms': coldMs }];
  for (const [label, path] of PAGES) {
    const first = await timedGet(base + path);
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) times.push(await timedGet(base + path));
    rows.push({ page: label, 'server ms': median(times), 'first ms': first });
  }
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
  const worst = Math.max(...rows.slice(1).map((r) => r['server ms'] as number));
  const worstFirst = Math.max(...rows.slice(1).map((r) => r['first ms'] as number));
  report(`Console route list at ${ROWS} routes`, rows, [
    [`every page ≤ ${BAR_MS} ms server time, median of ${ROUNDS} (worst ${worst.toFixed(0)} ms; seeded in ${seedSeconds.toFixed(1)} s)`, worst <= BAR_MS],
    [`every page ≤ ${BAR_MS} ms the first time it is asked for, sort orders worked out then (worst ${worstFirst.toFixed(0)} ms)`, worstFirst <= BAR_MS],
    [`the first page after a change, which reads all working rows, ≤ ${BAR_MS} ms (${coldMs.toFixed(0)} ms)`, coldMs <= BAR_MS],
  ]);
}
