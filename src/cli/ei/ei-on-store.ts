import { openDatabase } from '../../store/database.js';
import { databaseTarget } from '../../store/database-target.js';
import { openPostgres } from '../../store/postgres.js';
import { createEiApi, openEiStore, type EiApi } from '../../ei/index.js';
import type { EiAccess } from './ei-access.js';

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
