/** The reference journal's own SQLite file: one row per record, the record itself as JSON. */
import { migrate, type Db } from '../../store/database.js';
import type { JournalRecord, RecordKind } from './journal-record.js';
import type { JournalQuery } from './journal-request.js';

const SCHEMA = [
  `CREATE TABLE journal_record (
     id TEXT PRIMARY KEY, kind TEXT NOT NULL, person_id TEXT NOT NULL, care_unit TEXT NOT NULL, time TEXT NOT NULL, json TEXT NOT NULL);
   CREATE INDEX journal_record_person ON journal_record (person_id, kind)`,
];

export class JournalStore {
  constructor(private readonly db: Db) {
    migrate(db, 'journal', SCHEMA);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM journal_record').get() as { n: number }).n;
  }

  /** Inserts or replaces the records in one transaction. */
  put(records: JournalRecord[]): void {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO journal_record (id, kind, person_id, care_unit, time, json) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const r of records) stmt.run(r.id, r.kind, r.personId, r.careUnit, r.time, JSON.stringify(r));
    })();
  }

  all(): JournalRecord[] {
    return (this.db.prepare('SELECT json FROM journal_record ORDER BY time DESC, id').all() as { json: string }[]).map((r) => JSON.parse(r.json) as JournalRecord);
  }

  find(kind: RecordKind, q: JournalQuery): JournalRecord[] {
    const rows = this.db.prepare('SELECT json FROM journal_record WHERE person_id = ? AND kind = ? ORDER BY time DESC, id').all(q.personId, kind) as { json: string }[];
    return rows
      .map((r) => JSON.parse(r.json) as JournalRecord)
      .filter((r) => (q.careUnits.length === 0 || q.careUnits.includes(r.careUnit)) && (!q.from || r.time.slice(0, 8) >= q.from) && (!q.to || r.time.slice(0, 8) <= q.to));
  }
}
