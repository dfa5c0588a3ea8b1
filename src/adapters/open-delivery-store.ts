import type { StoreHost } from '../store/store-host.js';
import type { DeliveryStore } from './delivery-store.js';
import { PgDeliveryStore } from './delivery-store-postgres.js';
import { SqliteDeliveryStore } from './delivery-store-sqlite.js';

/** The delivery record where the host keeps its state: PostgreSQL when it has a pool, else its SQLite file. */
export async function openDeliveryStore(host: StoreHost, now?: () => Date): Promise<DeliveryStore> {
  return host.postgres ? PgDeliveryStore.open(host.postgres, now) : new SqliteDeliveryStore(host.db, now);
}
