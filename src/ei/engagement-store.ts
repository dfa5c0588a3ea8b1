import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { FIELDS, FIND_FIELDS, type Engagement, type EngagementField, type EngagementTransaction } from './fields.js';
import { engagementKey } from './engagement-key.js';

export type TransactionKind = 'update' | 'notification';

/** A validated transaction and its key. */
export interface KeyedTransaction extends EngagementTransaction {
  key: Buffer;
}

/** FindContent criteria: equality on each given field, `mostRecentContent` as "at or after" (docs/ei.md). */
export type FindQuery = Partial<Record<EngagementField, string>> & { registeredResidentIdentification: string; serviceDomain: string };

export interface CountRow {
  serviceDomain: string;
  sourceSystem: string;
  engagements: number;
}

const COLUMNS = FIELDS.map((f) => f.column);
const ROW_TO_FIELD = FIELDS.map((f) => [f.column, f.name] as const);
type Row = Record<string, string | null>;

function toEngagement(row: Row): Engagement {
  const e: Record<string, string> = {};
  for (const [column, name] of ROW_TO_FIELD) if (row[column] !== null && row[column] !== undefined) e[name] = row[column]!;
  return e as unknown as Engagement;
}

/** The engagement rows, their counters, and how a transaction changes them, R4/R5 included (docs/ei.md, "Storage"). */
export class EngagementStore {
  private readonly select: Statement;
  private readonly insert: Statement;
  private readonly updateContent: Statement;
  private readonly remove: Statement;
  private readonly count: Statement;
  private readonly finders = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    const key = 'rrid = ? AND service_domain = ? AND categorization = ? AND id = ?';
    this.select = db.prepare(`SELECT creation_time, most_recent_content FROM ei_engagement WHERE ${key}`);
    // A new engagement (the usual case of an Update) costs one statement: the insert tells whether the key existed.
    this.insert = db.prepare(`INSERT INTO ei_engagement (id, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`);
    this.updateContent = db.prepare(`UPDATE ei_engagement SET most_recent_content = ?, update_time = ? WHERE ${key}`);
    this.remove = db.prepare(`DELETE FROM ei_engagement WHERE ${key}`);
    this.count = db.prepare(`INSERT INTO ei_count (service_domain, source_system, engagements) VALUES (?, ?, ?)
      ON CONFLICT (service_domain, source_system) DO UPDATE SET engagements = engagements + excluded.engagements`);
  }

  /**
   * Applies transactions inside the caller's database transaction and returns those to notify: deletes,
   * new keys and changed mostRecentContent (SKLTP-623), each as stored (creationTime kept, updateTime set).
   * A notification first removes this EI's own copy of the same engagement (R5: the owner changed).
   */
  apply(kind: TransactionKind, ownHsaId: string, transactions: readonly KeyedTransaction[], now: string): EngagementTransaction[] {
    const deltas = new Map<string, number>();
    const bump = (e: Engagement, n: number): void => {
      const k = `${e.serviceDomain}\u0000${e.sourceSystem}`;
      deltas.set(k, (deltas.get(k) ?? 0) + n);
    };
    const out: EngagementTransaction[] = [];
    for (const t of transactions) {
      const e = t.engagement;
      const where = [e.registeredResidentIdentification, e.serviceDomain, e.categorization];
      if (kind === 'notification' && e.owner !== ownHsaId) {
        if (this.remove.run(...where, engagementKey({ ...e, owner: ownHsaId })).changes > 0) bump(e, -1);
      }
      if (!t.deleteFlag) {
        const fresh: Engagement = { ...e, creationTime: now, updateTime: undefined };
        if (this.insert.run(t.key, ...FIELDS.map((f) => fresh[f.name] ?? null)).changes > 0) {
          bump(e, 1);
          out.push({ deleteFlag: false, engagement: fresh });
          continue;
        }
      }
      const existing = this.select.get(...where, t.key) as { creation_time: string; most_recent_content: string | null } | undefined;
      const stored: Engagement = { ...e, creationTime: existing?.creation_time ?? now, updateTime: undefined };
      if (t.deleteFlag) {
        if (existing) {
          this.remove.run(...where, t.key);
          bump(e, -1);
        }
        out.push({ deleteFlag: true, engagement: stored });
      } else if (existing && (existing.most_recent_content ?? undefined) !== e.mostRecentContent) {
        this.updateContent.run(e.mostRecentContent ?? null, now, ...where, t.key);
        out.push({ deleteFlag: false, engagement: { ...stored, updateTime: now } });
      }
    }
    for (const [k, n] of deltas) if (n !== 0) this.count.run(...k.split('\u0000'), n);
    return out;
  }

  find(query: FindQuery): Engagement[] {
    const given = FIND_FIELDS.filter((f) => query[f] !== undefined);
    const mask = given.join(',');
    let stmt = this.finders.get(mask);
    if (!stmt) {
      const where = given.map((name) => {
        const column = FIELDS.find((f) => f.name === name)!.column;
        return name === 'mostRecentContent' ? `${column} >= ?` : `${column} = ?`;
      });
      stmt = this.db.prepare(`SELECT ${COLUMNS.join(', ')} FROM ei_engagement WHERE ${where.join(' AND ')}`);
      this.finders.set(mask, stmt);
    }
    return (stmt.all(...given.map((f) => query[f])) as Row[]).map(toEngagement);
  }

  counts(): CountRow[] {
    return this.db.prepare('SELECT service_domain AS serviceDomain, source_system AS sourceSystem, engagements FROM ei_count WHERE engagements > 0 ORDER BY 1, 2').all() as CountRow[];
  }
}
