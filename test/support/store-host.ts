/**
 * Store hosts (src/store/store-host.ts) on test database targets, opened the way an instance opens them:
 * SQLite = its own connection to the file; PostgreSQL = its own pool (beside an in-memory SQLite file for
 * the local state). Two hosts on one target are two instances on one database.
 */
import type { DatabaseTarget } from '../../src/store/database-target.js';
import { openStoreHost, type OpenStoreHost } from '../../src/store/store-host.js';

/** Hosts opened in a suite, closed in its `after`. */
export function hostsOf(): { open(target: DatabaseTarget): OpenStoreHost; closeAll(): Promise<void> } {
  const opened: OpenStoreHost[] = [];
  return {
    open(target) {
      const h = openStoreHost(target, target.kind === 'sqlite' ? target.file : ':memory:');
      opened.push(h);
      return h;
    },
    closeAll: () => Promise.all(opened.splice(0).map((h) => h.close())).then(() => undefined),
  };
}
