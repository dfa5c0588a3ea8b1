import { migrate, writeIfFree, type Db } from '../../store/database.js';
import { LIFECYCLE_SCHEMA } from './schema.js';
import { UsageStore, type ContractCalls, type DayCount } from './usage-store.js';

/** The per-day call counts in the instance's SQLite file. */
export class SqliteUsageStore extends UsageStore {
  constructor(
    private readonly db: Db,
    clock?: () => Date,
  ) {
    super(clock);
    migrate(db, 'lifecycle', LIFECYCLE_SCHEMA);
  }

  protected async write(counts: readonly DayCount[], keepFrom: string, waitForLock: boolean): Promise<boolean> {
    const add = this.db.prepare('INSERT INTO lifecycle_usage (day, sender, contract, calls) VALUES (?, ?, ?, ?) ON CONFLICT (day, sender, contract) DO UPDATE SET calls = calls + excluded.calls');
    const write = this.db.transaction(() => {
      for (const c of counts) add.run(c.day, c.sender, c.contract, c.calls);
      this.db.prepare('DELETE FROM lifecycle_usage WHERE day < ?').run(keepFrom);
    });
    if (waitForLock) {
      write();
      return true;
    }
    return writeIfFree(this.db, () => (write(), true)) ?? false;
  }

  protected async readSince(since: string): Promise<ContractCalls[]> {
    return this.db
      .prepare('SELECT sender, contract, SUM(calls) AS calls, MAX(day) AS lastDay FROM lifecycle_usage WHERE day >= ? GROUP BY sender, contract ORDER BY sender, contract')
      .all(since) as ContractCalls[];
  }
}
