import { migrate, type Db } from '../store/database.js';
import { migratePostgres, type PgPool } from '../store/postgres.js';
import { EI_SCHEMA, EI_SCHEMA_POSTGRES } from './schema.js';
import { SqliteEiStore } from './sqlite-store.js';
import { PostgresEiStore } from './postgres-store.js';
import type { EiStore } from './store.js';

/** The EI's store on the platform's database (PostgreSQL, else the SQLite file), its schema brought up to date. */
export async function openEiStore(on: { postgres: PgPool } | { db: Db }): Promise<EiStore> {
  if ('postgres' in on) {
    await migratePostgres(on.postgres, 'ei', EI_SCHEMA_POSTGRES);
    return new PostgresEiStore(on.postgres);
  }
  migrate(on.db, 'ei', EI_SCHEMA);
  return new SqliteEiStore(on.db);
}
