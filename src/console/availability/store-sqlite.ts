import { migrate, writeIfFree, type Db } from '../../store/database.js';
import { AVAILABILITY_SCHEMA } from './schema.js';
import { CHANGE_COLUMNS, checkedOutage, KnownStates, OUTAGE_COLUMNS, type AvailabilityStore, type MonitoredKey, type Observation, type ObservationSource, type PlannedOutage, type StateChange } from './store.js';

/** How often, and how long, a state change waits for the catalogue worker's long write (seconds for 100,000 rows). */
const RETRY_MS = 100;
const RETRIES = 600;

/** The availability record in the instance's SQLite file. */
export class SqliteAvailabilityStore implements AvailabilityStore {
  private readonly known = new KnownStates();

  constructor(private readonly db: Db) {
    migrate(db, 'console', AVAILABILITY_SCHEMA);
  }

  /**
   * A read first: in WAL it never waits for a writer, and while the state holds (nearly every call) it is all
   * there is. A change is written by one conditional insert (atomic against other instances on the file)
   * that does not wait for another connection's write lock: it tries again every RETRY_MS instead.
   */
  async observe(o: Observation): Promise<boolean> {
    if (!this.known.needsCheck(o)) return false;
    const up = o.up ? 1 : 0;
    const latest = this.db
      .prepare('SELECT up FROM avail_changes WHERE producer = ? AND contract = ? ORDER BY at_ms DESC, rowid DESC LIMIT 1')
      .get(o.producer, o.contract) as { up: number } | undefined;
    const stored = latest?.up === up ? false : await this.insertChange(o, up);
    this.known.checkedAt(o);
    return stored;
  }

  private async insertChange(o: Observation, up: number): Promise<boolean> {
    const insert = this.db.prepare(`INSERT INTO avail_changes (producer, contract, at_ms, up, source, detail) SELECT ?, ?, ?, ?, ?, ?
      WHERE NOT EXISTS (SELECT 1 FROM (SELECT up FROM avail_changes WHERE producer = ? AND contract = ? ORDER BY at_ms DESC, rowid DESC LIMIT 1) WHERE up = ?)`);
    for (let attempt = 1; ; attempt++) {
      const changes = writeIfFree(this.db, () => insert.run(o.producer, o.contract, o.atMs, up, o.source, o.detail ?? '', o.producer, o.contract, up).changes);
      if (changes !== undefined) return changes > 0;
      if (attempt === RETRIES) throw new Error(`the database stayed locked by another connection for ${(RETRIES * RETRY_MS) / 1000} s; the change was not recorded`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  async keys(): Promise<MonitoredKey[]> {
    return this.db
      .prepare('SELECT producer, contract, MIN(at_ms) AS firstMs FROM avail_changes GROUP BY producer, contract ORDER BY producer, contract')
      .all() as MonitoredKey[];
  }

  async changes(producer: string, contract: string, untilMs: number): Promise<StateChange[]> {
    return (
      this.db
        .prepare(`SELECT ${CHANGE_COLUMNS} FROM avail_changes WHERE producer = ? AND contract = ? AND at_ms < ? ORDER BY at_ms, rowid`)
        .all(producer, contract, untilMs) as Array<{ atMs: number; up: number; source: ObservationSource; detail: string }>
    ).map((r) => ({ ...r, up: r.up === 1 }));
  }

  async addOutage(o: Omit<PlannedOutage, 'id'>, nowMs: number): Promise<PlannedOutage> {
    const outage = checkedOutage(o);
    const info = this.db
      .prepare('INSERT INTO avail_planned_outages (producer, contract, from_ms, to_ms, note, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(outage.producer, outage.contract, outage.fromMs, outage.toMs, outage.note, nowMs);
    return { ...outage, id: Number(info.lastInsertRowid) };
  }

  async deleteOutage(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM avail_planned_outages WHERE id = ?').run(id).changes > 0;
  }

  async outages(fromMs: number, toMs: number): Promise<PlannedOutage[]> {
    return this.db.prepare(`SELECT ${OUTAGE_COLUMNS} FROM avail_planned_outages WHERE from_ms < ? AND to_ms > ? ORDER BY from_ms, id`).all(toMs, fromMs) as PlannedOutage[];
  }
}
