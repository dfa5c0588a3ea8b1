import type { StoreHost } from '../../store/store-host.js';
import type { PublicationDateStore } from './date-store.js';
import { SqlitePublicationDateStore } from './date-store-sqlite.js';
import { PgPublicationDateStore } from './date-store-postgres.js';
import type { UsageStore } from './usage-store.js';
import { SqliteUsageStore } from './usage-store-sqlite.js';
import { PgUsageStore } from './usage-store-postgres.js';

export interface LifecycleStores {
  usage: UsageStore;
  dates: PublicationDateStore;
}

/** The lifecycle's stores where the host keeps its state: PostgreSQL when it has a pool, else its SQLite file. */
export async function openLifecycleStores(host: StoreHost, clock?: () => Date): Promise<LifecycleStores> {
  if (host.postgres) return { usage: await PgUsageStore.open(host.postgres, clock), dates: await PgPublicationDateStore.open(host.postgres, clock) };
  return { usage: new SqliteUsageStore(host.db, clock), dates: new SqlitePublicationDateStore(host.db, clock) };
}
