import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { FIELDS, type Engagement, type EngagementTransaction } from './fields.js';
import { COUNTS_SQL, findSql, toEngagement, type EngagementRow } from './engagement-sql.js';
import { columnValues, freshEngagement, ownCopyKey, planChanges, type StoredEngagement } from './change-plan.js';
import type { CountRow, FindQuery, KeyedTransaction, TransactionKind } from './store.js';

const COLUMNS = FIELDS.map((f) => f.column);

/**
 * The engagement rows on SQLite, their counters, and how a transaction changes them, R4/R5 included
 * (docs/ei.md, "Storage"). Synchronous (better-sqlite3): the caller runs it inside its database transaction.
 */
export class EngagementStore {
  private readonly select: Statement;
  private readonly insert: Statement;
  private readonly updateContent: Statement;
  private readonly remove: Statement;
  private readonly count: Statement;
  private readonly finders = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    const key = 'rrid = ? AND service_domain = ? AND categorization = ? AND id = ?';
    this.select = db.prepare(`SELECT creation_time AS creationTime, most_recent_content AS mostRecentContent FROM ei_engagement WHERE ${key}`);
    // A new engagement (the usual case of an Update) costs one statement: the insert tells whether the key existed.
    this.insert = db.prepare(`INSERT INTO ei_engagement (id, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`);
    this.updateContent = db.prepare(`UPDATE ei_engagement SET most_recent_content = ?, update_time = ? WHERE ${key}`);
    this.remove = db.prepare(`DELETE FROM ei_engagement WHERE ${key}`);
    this.count = db.prepare(`INSERT INTO ei_count (service_domain, source_system, engagements) VALUES (?, ?, ?)
      ON CONFLICT (service_domain, source_system) DO UPDATE SET engagements = engagements + excluded.engagements`);
  }

  /** Applies transactions inside the caller's database transaction and returns those to notify (change-plan.ts). */
  apply(kind: TransactionKind, ownHsaId: string, transactions: readonly KeyedTransaction[], now: string): EngagementTransaction[] {
    const where = (e: Engagement): string[] => [e.registeredResidentIdentification, e.serviceDomain, e.categorization];
    const removedOwnCopies: Engagement[] = [];
    const inserted = new Set<string>();
    const existing = new Map<string, StoredEngagement>();
    for (const t of transactions) {
      const own = ownCopyKey(kind, t.engagement, ownHsaId);
      if (own && this.remove.run(...where(t.engagement), own).changes > 0) removedOwnCopies.push(t.engagement);
      if (!t.deleteFlag && this.insert.run(t.key, ...columnValues(freshEngagement(t.engagement, now))).changes > 0) {
        inserted.add(t.key.toString('hex'));
        continue;
      }
      const found = this.select.get(...where(t.engagement), t.key) as StoredEngagement | undefined;
      if (found) existing.set(t.key.toString('hex'), found);
    }
    const plan = planChanges(transactions, now, inserted, existing, removedOwnCopies);
    for (const t of plan.deleted) this.remove.run(...where(t.engagement), t.key);
    for (const t of plan.updated) this.updateContent.run(t.engagement.mostRecentContent ?? null, now, ...where(t.engagement), t.key);
    for (const c of plan.counts) this.count.run(c.serviceDomain, c.sourceSystem, c.engagements);
    return plan.changed;
  }

  find(query: FindQuery): Engagement[] {
    const { mask, sql, params } = findSql(query);
    let stmt = this.finders.get(mask);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.finders.set(mask, stmt);
    }
    return (stmt.all(...params) as EngagementRow[]).map(toEngagement);
  }

  counts(): CountRow[] {
    return this.db.prepare(COUNTS_SQL).all() as CountRow[];
  }
}
