import type { Db } from '../../store/database.js';
import { migrate } from '../../store/database.js';
import { AVAILABILITY_SCHEMA } from './schema.js';

/** Where an observation came from: a call through the hub or a probe of the producer. */
export type ObservationSource = 'call' | 'probe';

export interface Observation {
  /** the producing service component (HSA-id), or the producer URL when the catalogue does not name one */
  producer: string;
  /** the contract's Responder namespace */
  contract: string;
  up: boolean;
  source: ObservationSource;
  atMs: number;
  detail?: string;
}

export interface StateChange {
  atMs: number;
  up: boolean;
  source: ObservationSource;
  detail: string;
}

export interface PlannedOutage {
  id: number;
  producer: string;
  /** '' = every contract of the producer */
  contract: string;
  fromMs: number;
  toMs: number;
  note: string;
}

export interface MonitoredKey {
  producer: string;
  contract: string;
  firstMs: number;
}

export class OutageError extends Error {
  readonly code = 'NTJP_ERR_CONSOLE_OUTAGE';
}

/** The availability record in SQLite: state changes per (producer, contract) and planned outages. */
export class AvailabilityStore {
  private readonly lastUp = new Map<string, boolean>();

  constructor(private readonly db: Db) {
    migrate(db, 'console', AVAILABILITY_SCHEMA);
    const rows = db
      .prepare('SELECT producer, contract, up FROM avail_changes c WHERE at_ms = (SELECT MAX(at_ms) FROM avail_changes d WHERE d.producer = c.producer AND d.contract = c.contract)')
      .all() as Array<{ producer: string; contract: string; up: number }>;
    for (const r of rows) this.lastUp.set(keyOf(r.producer, r.contract), r.up === 1);
  }

  /** Records an observation; stores it only when it changes the known state (returns whether it did). */
  observe(o: Observation): boolean {
    const key = keyOf(o.producer, o.contract);
    if (this.lastUp.get(key) === o.up) return false;
    this.db
      .prepare('INSERT INTO avail_changes (producer, contract, at_ms, up, source, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(o.producer, o.contract, o.atMs, o.up ? 1 : 0, o.source, o.detail ?? '');
    this.lastUp.set(key, o.up);
    return true;
  }

  keys(): MonitoredKey[] {
    return this.db
      .prepare('SELECT producer, contract, MIN(at_ms) AS firstMs FROM avail_changes GROUP BY producer, contract ORDER BY producer, contract')
      .all() as MonitoredKey[];
  }

  /** Changes of one key up to (not including) `untilMs`, oldest first. */
  changes(producer: string, contract: string, untilMs: number): StateChange[] {
    return (
      this.db
        .prepare('SELECT at_ms AS atMs, up, source, detail FROM avail_changes WHERE producer = ? AND contract = ? AND at_ms < ? ORDER BY at_ms, rowid')
        .all(producer, contract, untilMs) as Array<{ atMs: number; up: number; source: ObservationSource; detail: string }>
    ).map((r) => ({ ...r, up: r.up === 1 }));
  }

  addOutage(o: Omit<PlannedOutage, 'id'>, nowMs: number): PlannedOutage {
    if (!o.producer.trim()) throw new OutageError('A planned outage needs a producer.');
    if (!Number.isFinite(o.fromMs) || !Number.isFinite(o.toMs)) throw new OutageError('A planned outage needs a valid start and end time.');
    if (o.toMs <= o.fromMs) throw new OutageError('A planned outage must end after it starts.');
    const info = this.db
      .prepare('INSERT INTO avail_planned_outages (producer, contract, from_ms, to_ms, note, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(o.producer.trim(), o.contract.trim(), o.fromMs, o.toMs, o.note, nowMs);
    return { ...o, producer: o.producer.trim(), contract: o.contract.trim(), id: Number(info.lastInsertRowid) };
  }

  deleteOutage(id: number): boolean {
    return this.db.prepare('DELETE FROM avail_planned_outages WHERE id = ?').run(id).changes > 0;
  }

  /** Outages overlapping `[fromMs, toMs)`. */
  outages(fromMs: number, toMs: number): PlannedOutage[] {
    return this.db
      .prepare('SELECT id, producer, contract, from_ms AS fromMs, to_ms AS toMs, note FROM avail_planned_outages WHERE from_ms < ? AND to_ms > ? ORDER BY from_ms, id')
      .all(toMs, fromMs) as PlannedOutage[];
  }
}

function keyOf(producer: string, contract: string): string {
  return `${producer}\u0000${contract}`;
}
