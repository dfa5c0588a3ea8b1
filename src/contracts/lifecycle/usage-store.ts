import { migrate, type Db } from '../../store/database.js';
import { addDays } from '../../tak/dates.js';
import { localToday } from '../../shared/local-time.js';
import { LIFECYCLE_SCHEMA } from './schema.js';

/** What the store needs of a call through the hub (a traffic entry has these fields). */
export interface CalledContract {
  sender?: string;
  contract?: string;
}

/** Calls of one sender to one contract over a period. */
export interface ContractCalls {
  sender: string;
  contract: string;
  calls: number;
  lastDay: string;
}

/** Days kept: well beyond the report's 30, so a longer look back stays possible; older days are dropped on flush. */
export const USAGE_KEEP_DAYS = 400;

/**
 * Durable per-day call counts per sender and contract. `record` only adds to a Map (it runs on every call
 * through the hub); `flush` writes the counts in one transaction. The component flushes on a timer and at
 * close, so a crash loses at most one interval of counts.
 */
export class UsageStore {
  private pending = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrate(db, 'lifecycle', LIFECYCLE_SCHEMA);
  }

  record(call: CalledContract): void {
    if (!call.sender || !call.contract) return;
    const key = `${localToday(this.clock())}\n${call.sender}\n${call.contract}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /**
   * Writes the pending counts in one transaction. With `waitForLock` false it does not wait while another
   * connection holds the database's write lock (the catalogue's job worker holds it for seconds while it
   * applies a large order): better-sqlite3 waits synchronously, holding every routed call, and then throws.
   * The counts then stay pending for the next flush. Returns whether they were written.
   */
  flush({ waitForLock = true }: { waitForLock?: boolean } = {}): boolean {
    const counts = this.pending;
    this.pending = new Map();
    const add = this.db.prepare('INSERT INTO lifecycle_usage (day, sender, contract, calls) VALUES (?, ?, ?, ?) ON CONFLICT (day, sender, contract) DO UPDATE SET calls = calls + excluded.calls');
    const write = this.db.transaction(() => {
      for (const [key, calls] of counts) add.run(...(key.split('\n') as [string, string, string]), calls);
      this.db.prepare('DELETE FROM lifecycle_usage WHERE day < ?').run(addDays(localToday(this.clock()), -USAGE_KEEP_DAYS));
    });
    const busyTimeoutMs = this.db.pragma('busy_timeout', { simple: true }) as number;
    if (!waitForLock) this.db.pragma('busy_timeout = 0');
    try {
      write();
      return true;
    } catch (e) {
      if (waitForLock || (e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      for (const [key, calls] of counts) this.pending.set(key, (this.pending.get(key) ?? 0) + calls);
      return false;
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
  }

  /** Calls per sender and contract on the last `days` local days, today included (flushed counts only). */
  calledWithin(days: number): ContractCalls[] {
    const since = addDays(localToday(this.clock()), -(days - 1));
    return this.db
      .prepare('SELECT sender, contract, SUM(calls) AS calls, MAX(day) AS lastDay FROM lifecycle_usage WHERE day >= ? GROUP BY sender, contract ORDER BY sender, contract')
      .all(since) as ContractCalls[];
  }
}
