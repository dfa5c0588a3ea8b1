/** The catalogue's store on its own connection (a CLI command, the job worker): SQLite file or PostgreSQL. */
import { openDatabase } from '../store/database.js';
import { openPostgres } from '../store/postgres.js';
import type { DatabaseTarget } from '../store/database-target.js';
import { PgTakStore } from './store-postgres.js';
import { SqliteTakStore } from './store-sqlite.js';
import type { TakStore } from './store.js';

export function openTakStore(target: DatabaseTarget, applicationName: string): { store: TakStore; close(): Promise<void> } {
  if (target.kind === 'postgres') {
    // One job or command at a time: a second connection only for a read beside a write.
    const pool = openPostgres(target.url, { max: 2, applicationName });
    return { store: new PgTakStore(pool), close: () => pool.end() };
  }
  const db = openDatabase(target.file);
  return { store: new SqliteTakStore(db), close: async () => void db.close() };
}
