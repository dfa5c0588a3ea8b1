import type { Db } from '../store/database.js';
import { localTimestamp } from '../shared/local-time.js';
import { EngagementStore } from './engagement-store.js';
import { Outbox, ENQUEUE_SQL, enqueueParams } from './outbox.js';
import { sqliteRunner } from './sql-runner.js';
import { HELD_SQL, heldRequest, holdParams, type HeldRow } from './held-requests.js';
import type { CountRow, EiStore, FindQuery, HeldRequest, IngestRequest } from './store.js';
import type { Engagement } from './fields.js';

/**
 * The EI on the embedded SQLite file: better-sqlite3's synchronous statements behind the async interface, each
 * write one IMMEDIATE transaction (it takes the write lock at BEGIN, so processes sharing the file take turns
 * instead of failing to upgrade a read).
 */
export class SqliteEiStore implements EiStore {
  readonly outbox: Outbox;
  private readonly engagements: EngagementStore;
  private readonly sql: ReturnType<typeof sqliteRunner>;

  constructor(private readonly db: Db) {
    this.sql = sqliteRunner(db);
    this.outbox = new Outbox(this.sql);
    this.engagements = new EngagementStore(db);
  }

  async accept(request: IngestRequest): Promise<string[] | 'held'> {
    return this.db.transaction(() => {
      if (this.flag(HELD_SQL.mustHold)) {
        this.sql.prepared(HELD_SQL.hold).run(...holdParams(request.kind, request.transactions, request.correlationId, request.now.getTime()));
        return 'held' as const;
      }
      return this.apply(request);
    }).immediate();
  }

  async applyNextHeld(apply: (held: HeldRequest) => IngestRequest): Promise<string[] | undefined> {
    return this.db.transaction(() => {
      if (this.flag(HELD_SQL.locked)) return undefined;
      const row = this.sql.prepared(HELD_SQL.oldest).get() as HeldRow | undefined;
      if (!row) return undefined;
      this.sql.prepared(HELD_SQL.drop).run(row.id);
      return this.apply(apply(heldRequest(row)));
    }).immediate();
  }

  async writeLocked(): Promise<boolean> {
    return this.flag(HELD_SQL.locked);
  }

  async setWriteLock(on: boolean): Promise<void> {
    await this.sql.run(on ? HELD_SQL.lock : HELD_SQL.unlock);
  }

  async heldRequests(): Promise<number> {
    return (this.sql.prepared(HELD_SQL.count).get() as { n: number }).n;
  }

  async find(query: FindQuery): Promise<Engagement[]> {
    return this.engagements.find(query);
  }

  async counts(): Promise<CountRow[]> {
    return this.engagements.counts();
  }

  private flag(sql: string): boolean {
    return Boolean((this.sql.prepared(sql).get() as { held: number }).held);
  }

  /** Inside a transaction: the engagements, then one outbox row per subscriber that wants some of the changes. */
  private apply(r: IngestRequest): string[] {
    const changed = this.engagements.apply(r.kind, r.ownHsaId, r.transactions, localTimestamp(r.now));
    if (changed.length === 0) return [];
    const notifications = r.notify(changed);
    const enqueue = this.sql.prepared(ENQUEUE_SQL);
    for (const n of notifications) enqueue.run(...enqueueParams(n, r.correlationId, r.now.getTime()));
    return notifications.map((n) => n.subscriber);
  }
}
