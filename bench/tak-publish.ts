/**
 * Catalogue (TAK): a catalogue of 100,000 routes and 100,000 permissions publishes in ≤ 5 s, on the SQLite file and
 * on PostgreSQL in the same run (bench/support/postgres-target.ts; skipped with the reason where there is none), and
 * routing cost at that size is within 10 % of routing cost with 10 rows (same run). Publish time is measured from the REST-level
 * service call until the hub's index of the new version is compiled (what a publish costs end to end);
 * routing cost is the hub's own lookup (lookUpRoutes + checkPermission from src/vp) on each catalogue.
 * `TAK_BENCH_ROWS` (default 100000) sets the size, `TAK_BENCH_LOOKUPS` (default 200000) the lookups per round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { TakService, openTakStore } from '../src/tak/index.js';
import type { DatabaseTarget } from '../src/store/database-target.js';
import { benchPostgres } from './support/postgres-target.js';
import { localToday } from '../src/shared/local-time.js';
import { compileCatalogue, checkPermission, lookUpRoutes, type CatalogueIndex } from '../src/vp/index.js';
import type { CatalogueSnapshot } from '../src/tak/snapshot.js';
import { report } from './support/report.js';
import { CONSUMER, CONTRACTS, bigOrder, unit } from './support/tak-orders.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSettings } from '../src/config/load.js';
import { SETTINGS_GROUPS } from '../src/app/settings-groups.js';
import { startPlatform } from '../src/app/platform.js';
import { silentLogger } from '../src/shared/log.js';
import { postSoap } from '../src/shared/soap/client.js';
import { rivRequest, soapEnvelope } from '../src/shared/soap/envelope.js';
import { vpComponent } from '../src/vp/index.js';
import type { StaticCatalogueSource } from '../src/tak/snapshot.js';
import { Agent } from 'undici';

const ROWS = Number(process.env.TAK_BENCH_ROWS ?? 100_000);
const LOOKUPS = Number(process.env.TAK_BENCH_LOOKUPS ?? 200_000);
const ROUNDS = 5;

/** Publishes and compiles the hub index of the new version, as the running platform does on a switch. */
async function publishAndCompile(service: TakService): Promise<{ seconds: number; index: CatalogueIndex; snapshot: CatalogueSnapshot }> {
  let snapshot: CatalogueSnapshot | undefined;
  service.onChange((s) => void (snapshot = s));
  const t0 = performance.now();
  await service.publish('bench', 'bench');
  const index = compileCatalogue(snapshot!);
  return { seconds: (performance.now() - t0) / 1000, index, snapshot: snapshot! };
}

/** ns per (route lookup + permission check) over a fixed pseudo-random sequence of existing keys. */
function routingNs(index: CatalogueIndex, rows: number): number {
  const today = localToday();
  let hits = 0;
  let seed = 7;
  const t0 = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const k = seed % rows;
    const receiver = unit(Math.floor(k / CONTRACTS.length));
    const ns = CONTRACTS[k % CONTRACTS.length]!;
    if (lookUpRoutes(index, receiver, ns, today).routes.length === 1 && checkPermission(index, CONSUMER, receiver, ns, today).allowed) hits++;
  }
  const ns = ((performance.now() - t0) * 1e6) / LOOKUPS;
  if (hits !== LOOKUPS) throw new Error(`only ${hits} of ${LOOKUPS} lookups found their route and permission`);
  return ns;
}

const HUB_CALLS = Number(process.env.TAK_BENCH_HUB_CALLS ?? 2000);
const HUB_CONCURRENCY = 4;

/**
 * µs per call through the hub's HTTP listener to a loopback producer, alternating the two catalogues on one
 * running hub (each switch compiles the hub index), median of ROUNDS rounds each.
 */
async function hubCallCost(small: CatalogueSnapshot, big: CatalogueSnapshot, rows: number): Promise<{ small: number; big: number }> {
  const producer = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' }).end(soapEnvelope(`<GetSubjectOfCareScheduleResponse xmlns="${CONTRACTS[0]}"/>`)));
  });
  await new Promise<void>((r) => producer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(producer.address() as AddressInfo).port}/producer`;
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-tak-bench-hub-'));
  const settings = loadSettings([...SETTINGS_GROUPS], { argv: [], env: {}, cwd: dir });
  for (const key of Object.keys(settings)) if (/Port$/.test(key)) settings[key] = 0;
  Object.assign(settings, { 'platform.dataDir': join(dir, 'data'), 'platform.certsDir': join(dir, 'certs'), 'platform.logLevel': 'silent', 'platform.operatorToken': 'bench' });
  const platform = await startPlatform(settings, [vpComponent], silentLogger);
  const hubUrl = platform.ctx.use<{ urls: { http: string } }>('vp').urls.http;
  const local = (s: CatalogueSnapshot): CatalogueSnapshot => ({ ...s, routes: s.routes.map((r) => ({ ...r, url })) });
  const variants = { small: { snapshot: local(small), rows: 10 }, big: { snapshot: local(big), rows } };
  const agent = new Agent({ connections: HUB_CONCURRENCY });
  const headers = { 'x-vp-sender-id': CONSUMER, 'x-vp-instance-id': platform.ctx.instanceId };
  const round = async (v: { snapshot: CatalogueSnapshot; rows: number }): Promise<number> => {
    await (platform.ctx.catalogue as StaticCatalogueSource).set(v.snapshot);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: HUB_CONCURRENCY }, async () => {
      while (next < HUB_CALLS) {
        const k = (next++ * 7919) % v.rows;
        const r = await postSoap({ url: hubUrl, body: rivRequest(unit(Math.floor(k / CONTRACTS.length)), `<GetSubjectOfCareSchedule xmlns="${CONTRACTS[k % CONTRACTS.length]}"/>`), headers, dispatcher: agent });
        if (r.status !== 200) throw new Error(`hub call failed: ${r.status} ${r.body.slice(0, 200)}`);
      }
    }));
    return ((performance.now() - t0) * 1000) / HUB_CALLS;
  };
  await round(variants.small); // warm-up
  const out = { small: [] as number[], big: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    out.small.push(await round(variants.small));
    out.big.push(await round(variants.big));
  }
  await agent.close();
  await platform.close();
  await new Promise((r) => producer.close(r));
  rmSync(dir, { recursive: true, force: true });
  return { small: median(out.small), big: median(out.big) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface BuiltCatalogue {
  applySeconds: number;
  publishSeconds: number;
  republishSeconds: number;
  index: CatalogueIndex;
  snapshot: CatalogueSnapshot;
  close(): Promise<void>;
}

async function catalogue(rows: number, target?: DatabaseTarget): Promise<BuiltCatalogue> {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-tak-bench-'));
  const { store, close } = openTakStore(target ?? { kind: 'sqlite', file: join(dir, 'ntjp.db') }, 'ntjp bench');
  const service = new TakService(store);
  const t0 = performance.now();
  await service.order(bigOrder(rows, localToday()), { dryRun: false, user: 'bench' });
  const applySeconds = (performance.now() - t0) / 1000;
  const first = await publishAndCompile(service);
  // The everyday case: one small change on a big catalogue.
  await service.add('logicalAddress', { hsaId: 'SE2321000016-NEW' }, 'bench');
  const again = await publishAndCompile(service);
  return {
    applySeconds, publishSeconds: first.seconds, republishSeconds: again.seconds, index: again.index, snapshot: again.snapshot,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const publishRow = (store: string, rows: string, c: BuiltCatalogue): Record<string, string | number> =>
  ({ store, catalogue: rows, 'order apply s': c.applySeconds, 'first publish s': c.publishSeconds, 'publish after 1 change s': c.republishSeconds });

export async function run(): Promise<void> {
  const small = await catalogue(10);
  const big = await catalogue(ROWS);
  const postgres = await benchPostgres();
  let onPostgres: BuiltCatalogue | undefined;
  if ('target' in postgres) {
    onPostgres = await catalogue(ROWS, postgres.target);
    await onPostgres.close();
  } else process.stdout.write(`PostgreSQL publish skipped: ${postgres.missing}\n`);
  const smallNs: number[] = [];
  const bigNs: number[] = [];
  routingNs(small.index, 10); // warm-up of the lookup code
  for (let r = 0; r < ROUNDS; r++) {
    smallNs.push(routingNs(small.index, 10));
    bigNs.push(routingNs(big.index, ROWS));
  }
  const ratio = median(bigNs) / median(smallNs);
  const hub = await hubCallCost(small.snapshot, big.snapshot, ROWS);
  const hubRatio = hub.big / hub.small;
  const bigRows = `${ROWS} routes + ${ROWS} permissions`;
  report('Catalogue (TAK) publish and routing cost', [
    { ...publishRow('SQLite', '10 routes + 10 permissions', small), 'lookup ns': median(smallNs), 'lookup vs 10': 1, 'hub call µs': hub.small, 'hub call vs 10': 1 },
    { ...publishRow('SQLite', bigRows, big), 'lookup ns': median(bigNs), 'lookup vs 10': ratio, 'hub call µs': hub.big, 'hub call vs 10': hubRatio },
    ...(onPostgres ? [publishRow('PostgreSQL', bigRows, onPostgres)] : []),
  ], [
    [`routing cost of a call through the hub at ${ROWS} rows within 10 % of 10 rows (ratio ${hubRatio.toFixed(3)})`, hubRatio <= 1.1],
    [`publish of ${ROWS} + ${ROWS} rows until the hub index is compiled ≤ 5 s (first ${big.publishSeconds.toFixed(2)} s, after one change ${big.republishSeconds.toFixed(2)} s)`, Math.max(big.publishSeconds, big.republishSeconds) <= 5],
    ...(onPostgres
      ? [[`on PostgreSQL: publish of ${ROWS} + ${ROWS} rows until the hub index is compiled ≤ 5 s (first ${onPostgres.publishSeconds.toFixed(2)} s, after one change ${onPostgres.republishSeconds.toFixed(2)} s)`, Math.max(onPostgres.publishSeconds, onPostgres.republishSeconds) <= 5] as [string, boolean]]
      : []),
    [`the bare lookup (route + permission, no I/O) at ${ROWS} rows within 10 % of 10 rows (ratio ${ratio.toFixed(3)})`, ratio <= 1.1],
  ]);
  await small.close();
  await big.close();
}
