import { openDatabase } from '../../store/database.js';
import { databaseTarget } from '../../store/database-target.js';
import { openPostgres } from '../../store/postgres.js';
import { createEiApi, openEiStore, type EiApi } from '../../ei/index.js';

/** What `ntjp ei` does, over a running platform's REST API or straight on the store. */
export interface EiAccess {
  find(query: Record<string, string>): Promise<unknown>;
  stats(): Promise<unknown>;
  deadLetters(): Promise<unknown>;
  redeliver(ids: readonly number[] | 'all'): Promise<unknown>;
  writeLock(): Promise<unknown>;
  setWriteLock(on: boolean): Promise<unknown>;
  close(): Promise<void>;
}

export interface RestTarget {
  url: string;
  token: string | undefined;
}

async function call(t: RestTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(t.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(t.token ? { authorization: `Bearer ${t.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${(json as { message?: string } | undefined)?.message ?? ''}`.trim());
  return json;
}

/** Through /api/ei of a running platform. */
export function eiOverRest(t: RestTarget): EiAccess {
  return {
    find: (query) => call(t, 'GET', `/api/ei/engagements?${new URLSearchParams(query)}`),
    stats: () => call(t, 'GET', '/api/ei/stats'),
    deadLetters: () => call(t, 'GET', '/api/ei/dead-letters'),
    redeliver: (ids) => call(t, 'POST', '/api/ei/dead-letters/redeliver', ids === 'all' ? {} : { ids }),
    writeLock: () => call(t, 'GET', '/api/ei/write-lock'),
    setWriteLock: (on) => call(t, 'PUT', '/api/ei/write-lock', { writeLock: on }),
    close: async () => undefined,
  };
}

/**
 * Straight on the store `--database` names (a SQLite file or postgres://…), no platform needed. The running
 * instances on that store do what needs one within about a second: deliver requeued dead letters and apply held
 * requests once the lock is lifted (so `applied` is 0 here). Subscribers come from a running platform's
 * catalogue, so stats leave them out.
 */
export async function eiOnStore(database: string): Promise<EiAccess> {
  const target = databaseTarget({ 'platform.database': database });
  const pool = target.kind === 'postgres' ? openPostgres(target.url, { max: 2, applicationName: 'ntjp ei' }) : undefined;
  const db = target.kind === 'sqlite' ? openDatabase(target.file) : undefined;
  const store = await openEiStore(pool ? { postgres: pool } : { db: db! });
  const api: EiApi = createEiApi({ store, subscribers: () => [], wake: () => undefined, applyHeld: async () => 0 });
  return {
    find: (query) => api.find(query as Parameters<EiApi['find']>[0]),
    stats: async () => {
      const { subscribers: _fromTheCatalogue, ...stats } = await api.stats();
      return stats;
    },
    deadLetters: () => api.deadLetters(),
    redeliver: async (ids) => ({ redelivered: await api.redeliver(ids) }),
    writeLock: () => api.writeLockStatus(),
    setWriteLock: (on) => api.setWriteLock(on),
    close: async () => {
      db?.close();
      await pool?.end();
    },
  };
}
