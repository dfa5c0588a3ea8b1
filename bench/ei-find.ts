/**
 * Engagement index: FindContent p99 ≤ 5 ms with `EI_BENCH_ROWS` engagements stored (default 10 million: 1 million
 * residents × 10), over HTTP to the EI's SOAP handler; baseline in the same run: the same queries straight on
 * SQLite in-process. Also the database size per million engagements.
 */
import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { postSoap } from '../src/shared/soap/client.js';
import { rivRequest } from '../src/shared/soap/envelope.js';
import { openDatabase, migrate } from '../src/store/database.js';
import { EI_SCHEMA } from '../src/ei/schema.js';
import { FIELDS } from '../src/ei/fields.js';
import { engagementKey } from '../src/ei/engagement-key.js';
import { EngagementStore } from '../src/ei/engagement-store.js';
import { EI_NS } from '../src/ei/index.js';
import { PLATFORM_SECRET_HEADER } from '../src/platform/soap-server.js';
import { report } from './support/report.js';
import { generatedEngagement, percentile, residentId, startEiPlatform, tempDir } from './support/ei-data.js';

const PER_RESIDENT = 10;
const QUERIES = 2000;
const WARMUP = 300;
const OWNER = '5565594230';

/** Fills ei_engagement the way Update stores rows (same table, key and counters), in resident order. */
function generate(dataDir: string, rows: number): number {
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

export async function run(): Promise<void> {
  const rows = Number(process.env.EI_BENCH_ROWS ?? 10_000_000);
  const residents = Math.ceil(rows / PER_RESIDENT);
  const dir = tempDir();
  const generateSeconds = generate(dir, rows);
  const bytes = statSync(join(dir, 'ntjp.db')).size;
  // A fixed pseudo-random sequence (LCG) so runs compare; domains as AgP asks them.
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const queries = Array.from({ length: QUERIES }, () => {
    const e = generatedEngagement(0, Math.floor(random() * PER_RESIDENT));
    return { resident: Math.floor(random() * residents), domain: e.serviceDomain };
  });

  const platform = await startEiPlatform(dir);
  const store = new EngagementStore(platform.ctx.db);
  const direct: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    found += store.find({ registeredResidentIdentification: residentId(q.resident), serviceDomain: q.domain }).length;
    direct.push(performance.now() - t);
  }
  const dispatcher = new Agent({ connections: 1 });
  const url = platform.servicesBaseUrl + '/ei/find-content';
  // The secret the hub would add: the services port answers nothing without it.
  const headers = { 'x-skltp-correlation-id': 'bench', [PLATFORM_SECRET_HEADER]: platform.ctx.servicesSecret };
  const overHttp: number[] = [];
  // Warm-up (JIT, connection, statement cache), not counted.
  for (const q of queries.slice(0, WARMUP)) await postSoap({ url, body: findEnvelope(q.resident, q.domain), headers, dispatcher });
  for (const q of queries) {
    const body = findEnvelope(q.resident, q.domain);
    const t = performance.now();
    const a = await postSoap({ url, body, headers, dispatcher });
    overHttp.push(performance.now() - t);
    if (a.status !== 200) throw new Error(`FindContent failed: ${a.status} ${a.body.slice(0, 300)}`);
  }
  await dispatcher.close();
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
  direct.sort((a, b) => a - b);
  overHttp.sort((a, b) => a - b);
  const p99 = percentile(overHttp, 99);
  const row = (what: string, ms: number[]) => ({ what, queries: ms.length, 'p50 ms': percentile(ms, 50), 'p99 ms': percentile(ms, 99), 'max ms': ms[ms.length - 1]!, 'p99 ratio to SQL only': percentile(ms, 99) / percentile(direct, 99) });
  report(`EI FindContent with ${rows.toLocaleString('en')} engagements`, [
    row('SQL only (EngagementStore.find in-process)', direct),
    row('FindContent over HTTP (parse, query, answer)', overHttp),
  ], [[`FindContent p99 ≤ 5 ms (${p99.toFixed(2)} ms)`, p99 <= 5]]);
  process.stdout.write(`generated ${rows} rows in ${generateSeconds.toFixed(0)} s; ${(found / QUERIES).toFixed(1)} engagements per answer; `
    + `database ${(bytes / 2 ** 30).toFixed(2)} GiB = ${((bytes / rows) * 1e6 / 2 ** 20).toFixed(0)} MiB per million engagements\n`);
}
