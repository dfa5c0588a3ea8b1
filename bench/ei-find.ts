/**
 * Engagement index at `EI_BENCH_ROWS` engagements (default 10 million: 1 million residents × 10), on SQLite and
 * on PostgreSQL (bench/support/ei-postgres.ts; left out with a note where none is at hand): FindContent p99
 * (bar ≤ 5 ms) over HTTP to the EI's SOAP handler, with the same queries straight on the store in-process as
 * the baseline, and Update ingest into the loaded store (`EI_BENCH_UPDATES` requests of 1000 new engagements,
 * default 30, 2 clients). Also each database's size per million engagements.
 */
import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { postSoap } from '../src/shared/soap/client.js';
import { rivRequest } from '../src/shared/soap/envelope.js';
import { escapeXml } from '../src/shared/xml/serialize.js';
import { openDatabase, migrate } from '../src/store/database.js';
import { EI_SCHEMA } from '../src/ei/schema.js';
import { FIELDS, type Engagement } from '../src/ei/fields.js';
import { engagementKey } from '../src/ei/engagement-key.js';
import { openEiStore, EI_NS } from '../src/ei/index.js';
import type { Platform } from '../src/app/platform.js';
import { PLATFORM_SECRET_HEADER } from '../src/platform/soap-server.js';
import { report } from './support/report.js';
import { generatedEngagement, percentile, residentId, startEiPlatform, tempDir } from './support/ei-data.js';
import { benchPostgres, postgresBytes, preloadPostgres } from './support/ei-postgres.js';

const PER_RESIDENT = 10;
const QUERIES = 2000;
const WARMUP = 300;
const PER_UPDATE = 1000;
const CLIENTS = 2;
const OWNER = '5565594230';

/** Fills ei_engagement the way Update stores rows (same table, key and counters), in resident order. */
function generateSqlite(dataDir: string, rows: number): number {
  const db = openDatabase(join(dataDir, 'ntjp.db'));
  migrate(db, 'ei', EI_SCHEMA);
  const insert = db.prepare(`INSERT INTO ei_engagement (id, ${FIELDS.map((f) => f.column).join(', ')}) VALUES (${['?', ...FIELDS.map(() => '?')].join(', ')})`);
  const counts = new Map<string, number>();
  const started = performance.now();
  const chunk = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const e = { ...generatedEngagement(Math.floor(n / PER_RESIDENT), n % PER_RESIDENT), owner: OWNER, creationTime: '20260101000000' };
      insert.run(engagementKey(e), ...FIELDS.map((f) => e[f.name] ?? null));
      const k = `${e.serviceDomain}\u0000${e.sourceSystem}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  });
  for (let n = 0; n < rows; n += 50_000) chunk(n, Math.min(rows, n + 50_000));
  const count = db.prepare('INSERT INTO ei_count (service_domain, source_system, engagements) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [k, v] of counts) count.run(...k.split('\u0000'), v);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return seconds;
}

function findEnvelope(resident: number, domain: string): string {
  return rivRequest(OWNER, `<f:FindContent xmlns:f="${EI_NS.findContent}"><f:registeredResidentIdentification>${residentId(resident)}</f:registeredResidentIdentification><f:serviceDomain>${domain}</f:serviceDomain></f:FindContent>`);
}

function updateEnvelope(engagements: Engagement[]): string {
  const tx = engagements.map((e) => `<r:engagementTransaction><c:deleteFlag>false</c:deleteFlag><c:engagement>${
    FIELDS.filter((f) => e[f.name] !== undefined).map((f) => `<c:${f.name}>${escapeXml(e[f.name]!)}</c:${f.name}>`).join('')}</c:engagement></r:engagementTransaction>`).join('');
  return rivRequest(OWNER, `<r:Update xmlns:r="${EI_NS.update}" xmlns:c="${EI_NS.core}">${tx}</r:Update>`);
}

interface Measured {
  direct: number[];
  overHttp: number[];
  found: number;
  updateSeconds: number;
  updated: number;
}

/** FindContent in-process and over HTTP, then Update ingest of residents beyond the loaded ones. */
async function measure(platform: Platform, residents: number, updates: number): Promise<Measured> {
  // A fixed pseudo-random sequence (LCG) so runs compare; domains as AgP asks them.
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const queries = Array.from({ length: QUERIES }, () => ({ resident: Math.floor(random() * residents), domain: generatedEngagement(0, Math.floor(random() * PER_RESIDENT)).serviceDomain }));
  const store = await openEiStore(platform.ctx.postgres ? { postgres: platform.ctx.postgres } : { db: platform.ctx.db });
  const direct: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    found += (await store.find({ registeredResidentIdentification: residentId(q.resident), serviceDomain: q.domain })).length;
    direct.push(performance.now() - t);
  }
  const dispatcher = new Agent({ connections: CLIENTS });
  // The secret the hub would add: the services port answers nothing without it.
  const headers = { 'x-skltp-correlation-id': 'bench', [PLATFORM_SECRET_HEADER]: platform.ctx.servicesSecret };
  const post = async (path: string, body: string): Promise<string> => {
    const a = await postSoap({ url: platform.servicesBaseUrl + path, body, headers, dispatcher });
    if (a.status !== 200) throw new Error(`${path} failed: ${a.status} ${a.body.slice(0, 300)}`);
    return a.body;
  };
  // Warm-up (JIT, connection, statement cache), not counted.
  for (const q of queries.slice(0, WARMUP)) await post('/ei/find-content', findEnvelope(q.resident, q.domain));
  const overHttp: number[] = [];
  for (const q of queries) {
    const body = findEnvelope(q.resident, q.domain);
    const t = performance.now();
    await post('/ei/find-content', body);
    overHttp.push(performance.now() - t);
  }
  const envelopes = Array.from({ length: updates }, (_, r) => updateEnvelope(Array.from({ length: PER_UPDATE }, (_, k) => {
    const n = r * PER_UPDATE + k;
    return generatedEngagement(residents + Math.floor(n / PER_RESIDENT), n % PER_RESIDENT);
  })));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    for (let i = next++; i < envelopes.length; i = next++) if (!(await post('/ei/update', envelopes[i]!)).includes('>OK<')) throw new Error('Update not OK');
  }));
  const updateSeconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  return { direct: direct.sort((a, b) => a - b), overHttp: overHttp.sort((a, b) => a - b), found, updateSeconds, updated: updates * PER_UPDATE };
}

export async function run(): Promise<void> {
  const rows = Number(process.env.EI_BENCH_ROWS ?? 10_000_000);
  const updates = Number(process.env.EI_BENCH_UPDATES ?? 30);
  const residents = Math.ceil(rows / PER_RESIDENT);
  const tableRows: Array<Record<string, string | number>> = [];
  const verdicts: Array<[string, boolean]> = [];
  const stores: Array<{ name: string; load(dir: string): Promise<{ database: string; seconds: number; bytes: () => Promise<number> }> }> = [
    { name: 'SQLite', load: async (dir) => ({ database: '', seconds: generateSqlite(dir, rows), bytes: async () => statSync(join(dir, 'ntjp.db')).size }) },
  ];
  const url = await benchPostgres();
  if (url) stores.push({ name: 'PostgreSQL', load: async () => ({ database: url, seconds: await preloadPostgres(url, rows, PER_RESIDENT, OWNER), bytes: () => postgresBytes(url) }) });
  for (const s of stores) {
    const dir = tempDir();
    const loaded = await s.load(dir);
    const bytes = await loaded.bytes();
    process.stdout.write(`${s.name}: loaded ${rows} rows in ${loaded.seconds.toFixed(0)} s; ${((bytes / rows) * 1e6 / 2 ** 20).toFixed(0)} MiB per million engagements\n`);
    const platform = await startEiPlatform(dir, loaded.database);
    try {
      const m = await measure(platform, residents, updates);
      const row = (what: string, ms: number[]) => ({ store: s.name, what, 'p50 ms': percentile(ms, 50), 'p99 ms': percentile(ms, 99), 'max ms': ms[ms.length - 1]!, 'engagements/s': '' });
      tableRows.push(
        row('FindContent, store only (in-process)', m.direct),
        row('FindContent over HTTP (parse, query, answer)', m.overHttp),
        { store: s.name, what: `Update over HTTP, ${PER_UPDATE} new per request, ${CLIENTS} clients`, 'p50 ms': '', 'p99 ms': '', 'max ms': '', 'engagements/s': Math.round(m.updated / m.updateSeconds) },
      );
      const p99 = percentile(m.overHttp, 99);
      verdicts.push([`${s.name}: FindContent p99 ≤ 5 ms (${p99.toFixed(2)} ms); ${(m.found / QUERIES).toFixed(1)} engagements per answer`, p99 <= 5]);
    } finally {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report(`EI FindContent and Update with ${rows.toLocaleString('en')} engagements`, tableRows, verdicts);
}
