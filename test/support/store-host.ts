/**
 * Opens a store host (src/store/store-host.ts) on a test database target the way an instance does: SQLite
 * = its own connection to the file; PostgreSQL = its own pool (beside an in-memory SQLite file for the
 * local state). Two hosts on one target are two instances on one database.
 */
import { openDatabase } from '../../src/store/database.js';
import type { DatabaseTarget } from '../../src/store/database-target.js';
import { openPostgres } from '../../src/store/postgres.js';
import type { StoreHost } from '../../src/store/store-host.js';

export interface OpenHost extends StoreHost {
  close(): Promise<void>;
}

export function openHost(target: DatabaseTarget): OpenHost {
  const db = openDatabase(target.kind === 'sqlite' ? target.file : ':memory:');
  const postgres = target.kind === 'postgres' ? openPostgres(target.url, { max: 4 }) : undefined;
  return {
    db,
    postgres,
    async close() {
      db.close();
      await postgres?.end();
    },
  };
}

/** Hosts opened in a suite, closed in its `after`. */
export function hostsOf(): { open(target: DatabaseTarget): OpenHost; closeAll(): Promise<void> } {
  const opened: OpenHost[] = [];
  return {
    open(target) {
      const h = openHost(target);
      opened.push(h);
      return h;
    },
    closeAll: () => Promise.all(opened.splice(0).map((h) => h.close())).then(() => undefined),
  };
}
