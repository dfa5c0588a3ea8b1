import type { Db } from './database.js';
import type { PgPool } from './postgres.js';

/**
 * Where a store keeps its state: the shared PostgreSQL database when `platform.database` is postgres://…,
 * else the instance's SQLite file. The platform's context is one; the CLI builds one from its flags.
 */
export interface StoreHost {
  db: Db;
  postgres?: PgPool;
}
