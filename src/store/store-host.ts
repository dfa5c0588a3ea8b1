import { openDatabase, type Db } from './database.js';
import type { DatabaseTarget } from './database-target.js';
import { openPostgres, type PgPool } from './postgres.js';

/**
 * Where a store keeps its state: the shared PostgreSQL database when `platform.database` is postgres://…,
 * else the instance's SQLite file. The platform's context is one; the CLI opens one from its flags.
 */
export interface StoreHost {
  db: Db;
  postgres?: PgPool;
}

export interface OpenStoreHost extends StoreHost {
  close(): Promise<void>;
}

/**
 * A host for work outside a running platform (a CLI command): the SQLite file `sqliteFile` and, when the
 * target is PostgreSQL, a small pool on it.
 */
export function openStoreHost(target: DatabaseTarget, sqliteFile: string, poolSize = 4): OpenStoreHost {
  const db = openDatabase(sqliteFile);
  const postgres = target.kind === 'postgres' ? openPostgres(target.url, { max: poolSize, applicationName: 'ntjp cli' }) : undefined;
  return {
    db,
    postgres,
    async close() {
      db.close();
      await postgres?.end();
    },
  };
}
