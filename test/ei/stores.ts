/** An EI store on a fresh test database (SQLite file or PostgreSQL), and how to let go of it. */
import type { DatabaseTarget } from '../../src/store/database-target.js';
import { openDatabase } from '../../src/store/database.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openEiStore } from '../../src/ei/index.js';
import type { EiStore } from '../../src/ei/store.js';

export interface OpenStore {
  store: EiStore;
  close(): Promise<void>;
}

export async function openStoreOn(target: DatabaseTarget): Promise<OpenStore> {
  if (target.kind === 'postgres') {
    const pool = openPostgres(target.url, { max: 4 });
    return { store: await openEiStore({ postgres: pool }), close: () => pool.end() };
  }
  const db = openDatabase(target.file);
  return { store: await openEiStore({ db }), close: async () => void db.close() };
}

/** The target as `platform.database` names it. */
export function databaseSetting(target: DatabaseTarget): string {
  return target.kind === 'postgres' ? target.url : target.file;
}
