/**
 * Engagement index: Update ingest with 1000-engagement requests (bar ≥ 20,000 engagements/s), against a raw
 * better-sqlite3 insert of the same rows into the same table in the same run, and the sqlite3 driver for
 * the same raw insert (why better-sqlite3), and the same Update ingest with the EI on PostgreSQL (an empty
 * database; bench/support/ei-postgres.ts, left out with a note where none is at hand). The EI runs compiled in
 * its own process, apart from the load. `EI_BENCH_INGEST_REQUESTS` (default 100) sets the load.
 * The sqlite3 driver is not a dependency (a second native build in every install for one baseline): that row
 * runs when it is installed (`npm install --no-save sqlite3`) and is otherwise left out with a note.
 */
import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { postSoap } from '../src/shared/soap/client.js';
import { openDatabase, migrate } from '../src/store/database.js';
import { EI_SCHEMA } from '../src/ei/schema.js';
import { FIELDS, type Engagement } from '../src/ei/fields.js';
import { engagementKey } from '../src/ei/engagement-key.js';
import { EI_NS } from '../src/ei/index.js';
import { report } from './support/report.js';
import { generatedEngagement, tempDir, updateEnvelope } from './support/ei-data.js';
import { startNodeChild } from './support/child.js';
import { benchPostgres, postgresBytes } from './support/ei-postgres.js';
import { compileEntry, type CompiledEntry } from './support/compiled.js';

const PER_REQUEST = 1000;
const CLIENTS = 2;

const INSERT = `INSERT INTO ei_engagement (id, ${FIELDS.map((f) => f.column).join(', ')}) VALUES (${['?', ...FIELDS.map(() => '?')].join(', ')})`;
const rowOf = (e: Engagement): unknown[] => [engagementKey({ ...e, owner: '5565594230' }), ...FIELDS.map((f) => (f.name === 'owner' ? '5565594230' : f.name === 'creationTime' ? '20260101000000' : (e[f.name] ?? null)))];

/** Update ingest against the EI in its own compiled process (bench/support/ei-process.ts). */
async function ingest(eiBuild: CompiledEntry, batches: Engagement[][], subscriberUrl?: string, database = ''): Promise<{ seconds: number; bytesPerMillion: number }> {
  const dir = tempDir();
  const ei = await startNodeChild<{ url: string; headers: Record<string, string> }>([eiBuild.path, dir, database, ...(subscriberUrl ? [subscriberUrl] : [])], true);
  const envelopes = batches.map(updateEnvelope);
  const dispatcher = new Agent({ connections: CLIENTS });
  let next = 0;
  try {
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < envelopes.length; i = next++) {
        const a = await postSoap({ url: ei.ready.url, body: envelopes[i]!, headers: { 'x-skltp-correlation-id': `bench-${i}`, ...ei.ready.headers }, dispatcher });
        if (a.status !== 200 || !a.body.includes('>OK<')) throw new Error(`Update failed: ${a.status} ${a.body.slice(0, 300)}`);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => {
      ei.proc.once('message', resolve);
      ei.proc.send('checkpoint');
    });
    const bytes = database ? await postgresBytes(database) : statSync(join(dir, 'ntjp.db')).size;
    return { seconds, bytesPerMillion: (bytes / (batches.length * PER_REQUEST)) * 1e6 };
  } finally {
    await ei.stop();
    await dispatcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rawBetterSqlite(rows: unknown[][][]): number {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'raw.db'));
  migrate(db, 'ei', EI_SCHEMA);
  const insert = db.prepare(INSERT);
  const batch = db.transaction((rs: unknown[][]) => {
    for (const r of rs) insert.run(...r);
  });
  const started = performance.now();
  for (const rs of rows) batch(rs);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

/** The part of the sqlite3 driver's API the baseline uses (the package is optional, so its types are not at hand). */
interface Sqlite3Statement {
  run(params: unknown[], done: (e: Error | null) => void): void;
  finalize(done: () => void): void;
}
interface Sqlite3Database {
  exec(sql: string, done: (e: Error | null) => void): void;
  prepare(sql: string): Sqlite3Statement;
  close(done: () => void): void;
}
type Sqlite3Driver = { Database: new (file: string) => Sqlite3Database };

const SQLITE3_PACKAGE = 'sqlite3';

async function loadSqlite3(): Promise<Sqlite3Driver | undefined> {
  try {
    return ((await import(SQLITE3_PACKAGE)) as { default: Sqlite3Driver }).default;
  } catch {
    process.stdout.write('note: the sqlite3 driver baseline is left out (not installed; npm install --no-save sqlite3 adds it)\n');
    return undefined;
  }
}

async function rawSqlite3(sqlite3: Sqlite3Driver, rows: unknown[][][]): Promise<number> {
  const dir = tempDir();
  const db = new sqlite3.Database(join(dir, 'raw3.db'));
  const exec = (sql: string) => new Promise<void>((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res())));
  await exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  await exec(EI_SCHEMA[0]!);
  const insert = db.prepare(INSERT);
  const started = performance.now();
  for (const rs of rows) {
    await exec('BEGIN');
    await Promise.all(rs.map((r) => new Promise<void>((res, rej) => insert.run(r, (e: Error | null) => (e ? rej(e) : res())))));
    await exec('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((res) => insert.finalize(() => res()));
  await new Promise<void>((res) => db.close(() => res()));
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

export async function run(): Promise<void> {
  const requests = Number(process.env.EI_BENCH_INGEST_REQUESTS ?? 100);
  const batches = Array.from({ length: requests }, (_, r) => Array.from({ length: PER_REQUEST }, (_, k) => generatedEngagement(Math.floor((r * PER_REQUEST + k) / 10), (r * PER_REQUEST + k) % 10)));
  const total = requests * PER_REQUEST;
  const rows = batches.map((b) => b.map(rowOf));
  const raw = rawBetterSqlite(rows);
  const sqlite3 = await loadSqlite3();
  const raw3 = sqlite3 && (await rawSqlite3(sqlite3, rows));
  const eiBuild = compileEntry('bench/support/ei-process.ts');
  const plain = await ingest(eiBuild, batches);
  const perSecond = total / plain.seconds;
  const { createServer } = await import('node:http');
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ProcessNotificationResponse xmlns="${EI_NS.processNotification}"><ResultCode>OK</ResultCode></ProcessNotificationResponse></s:Body></s:Envelope>`));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const notified = await ingest(eiBuild, batches, `http://127.0.0.1:${(sink.address() as { port: number }).port}/vp`);
  sink.close();
  const postgresUrl = await benchPostgres();
  const onPostgres = postgresUrl && (await ingest(eiBuild, batches, undefined, postgresUrl));
  await eiBuild.stop();
  const row = (what: string, seconds: number) => ({ what, engagements: total, seconds, 'engagements/s': Math.round(total / seconds), 'ratio to raw better-sqlite3': (total / seconds) / (total / raw) });
  report('EI Update ingest', [
    row('raw INSERT, better-sqlite3 (1000 rows per transaction)', raw),
    ...(raw3 === undefined ? [] : [row('raw INSERT, sqlite3 driver (same rows, same batches)', raw3)]),
    row(`Update over HTTP, ${PER_REQUEST} per request, ${CLIENTS} clients, no subscriber`, plain.seconds),
    row('same, with one unfiltered subscriber (outbox + delivery)', notified.seconds),
    ...(onPostgres ? [row('Update over HTTP, no subscriber, EI on PostgreSQL', onPostgres.seconds)] : []),
  ], [[`Update ingest ≥ 20,000 engagements/s (${Math.round(perSecond)})`, perSecond >= 20000]]);
  process.stdout.write(`database size: ${(plain.bytesPerMillion / 2 ** 20).toFixed(0)} MiB per million engagements (after Update ingest)${
    onPostgres ? `; PostgreSQL ${(onPostgres.bytesPerMillion / 2 ** 20).toFixed(0)} MiB per million (whole database)` : ''}\n`);
}
