import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/**
 * Opens the embedded SQLite database. better-sqlite3 rather than sqlite3: synchronous transactions make
 * "all or nothing" trivial, and bench/ei-ingest.ts measures it at about 10× the sqlite3 driver on the
 * same raw inserts (docs/benchmarks.md, "Engagement index (EI)").
 * WAL lets readers run while a writer commits; `synchronous=NORMAL` in WAL is still crash-safe (a crash
 * may lose the last commits, never corrupt or half-apply one).
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Applies a component's schema steps in order, once each, all in one transaction that takes the write lock
 * before it reads the version: processes starting together on one file take turns (busy_timeout), and the
 * later ones find the steps applied. `steps[i]` brings the component's schema from version i to i+1; never
 * edit a released step, add one.
 */
export function migrate(db: Db, component: string, steps: readonly string[]): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM schema_version WHERE component = ?').get(component) as { version: number } | undefined;
    for (let v = row?.version ?? 0; v < steps.length; v++) {
      db.exec(steps[v]!);
      db.prepare('INSERT INTO schema_version (component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version').run(component, v + 1);
    }
  }).immediate();
}

/**
 * Runs `work` (synchronous better-sqlite3 writes) without waiting for another connection's write lock: the
 * driver waits synchronously (busy_timeout), and on the main thread that holds every routed call while the
 * catalogue's job worker writes a large order. Returns undefined when another connection holds the lock; the
 * caller keeps its data and tries again later.
 */
export function writeIfFree<T>(db: Db, work: () => T): T | undefined {
  const busyTimeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return work();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}
