import type { StoreHost } from '../../store/store-host.js';
import type { AvailabilityStore } from './store.js';
import { PgAvailabilityStore } from './store-postgres.js';
import { SqliteAvailabilityStore } from './store-sqlite.js';

/** The availability record where the host keeps its state: PostgreSQL when it has a pool, else its SQLite file. */
export async function openAvailabilityStore(host: StoreHost): Promise<AvailabilityStore> {
  return host.postgres ? PgAvailabilityStore.open(host.postgres) : new SqliteAvailabilityStore(host.db);
}
