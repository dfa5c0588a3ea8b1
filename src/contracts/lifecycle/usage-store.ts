import { addDays } from '../../tak/dates.js';
import { localToday } from '../../shared/local-time.js';

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

/** One day's calls of one sender to one contract, counted since the last flush. */
export interface DayCount {
  day: string;
  sender: string;
  contract: string;
  calls: number;
}

/** Days kept: well beyond the report's 30, so a longer look back stays possible; older days are dropped on flush. */
export const USAGE_KEEP_DAYS = 400;

/**
 * Durable per-day call counts per sender and contract. `record` only adds to a Map (it runs on every call
 * through the hub); `flush` adds the counts to the stored ones in one transaction, so the counts of
 * instances sharing a database add up. The component flushes on a timer and at close, so a crash loses at
 * most one interval of counts. Subclasses store the counts in SQLite or PostgreSQL.
 */
export abstract class UsageStore {
  private pending = new Map<string, number>();

  constructor(protected readonly clock: () => Date = () => new Date()) {}

  record(call: CalledContract): void {
    if (!call.sender || !call.contract) return;
    const key = `${localToday(this.clock())}\n${call.sender}\n${call.contract}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /**
   * Adds the pending counts to the stored ones in one transaction. With `waitForLock` false a store does not
   * wait while another connection holds the database's write lock (SQLite: the catalogue's job worker holds
   * it for seconds while it applies a large order, and better-sqlite3 would wait synchronously, holding every
   * routed call): the counts then stay pending for the next flush. Resolves whether they were written.
   */
  async flush({ waitForLock = true }: { waitForLock?: boolean } = {}): Promise<boolean> {
    const counts = [...this.pending].sort(([a], [b]) => (a < b ? -1 : 1));
    this.pending = new Map();
    const rows = counts.map(([key, calls]): DayCount => {
      const [day, sender, contract] = key.split('\n') as [string, string, string];
      return { day, sender, contract, calls };
    });
    if (await this.write(rows, addDays(localToday(this.clock()), -USAGE_KEEP_DAYS), waitForLock)) return true;
    for (const [key, calls] of counts) this.pending.set(key, (this.pending.get(key) ?? 0) + calls);
    return false;
  }

  /** Calls per sender and contract on the last `days` local days, today included (flushed counts only). */
  calledWithin(days: number): Promise<ContractCalls[]> {
    return this.readSince(addDays(localToday(this.clock()), -(days - 1)));
  }

  /**
   * Adds `counts` (in key order, so that concurrent writers lock rows in one order) and drops days before
   * `keepFrom`; false = not written, because the database was busy and `waitForLock` false.
   */
  protected abstract write(counts: readonly DayCount[], keepFrom: string, waitForLock: boolean): Promise<boolean>;
  /** Sums per sender and contract from `since` on, ordered by sender and contract. */
  protected abstract readSince(since: string): Promise<ContractCalls[]>;
}
