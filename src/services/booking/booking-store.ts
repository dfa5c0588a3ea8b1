/** The booking system's own SQLite file: time slots (free or booked) and the custody table. */
import { migrate, type Db } from '../../store/database.js';
import type { Timeslot } from './timeslot.js';

const SCHEMA = [
  `CREATE TABLE booking_slot (
     id TEXT PRIMARY KEY, care_unit TEXT NOT NULL, start TEXT NOT NULL, json TEXT NOT NULL,
     booking_id TEXT UNIQUE, subject_of_care TEXT);
   CREATE INDEX booking_slot_unit ON booking_slot (care_unit, start);
   CREATE INDEX booking_slot_subject ON booking_slot (subject_of_care);
   CREATE TABLE booking_custody (guardian TEXT NOT NULL, child TEXT NOT NULL, PRIMARY KEY (guardian, child))`,
];

type Row = { json: string };
const toSlot = (r: Row): Timeslot => JSON.parse(r.json) as Timeslot;

export class BookingStore {
  constructor(private readonly db: Db) {
    migrate(db, 'booking', SCHEMA);
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM booking_slot LIMIT 1').get() === undefined;
  }

  /** Writes the slots in one transaction (insert or replace by id). */
  save(slots: Timeslot[]): void {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO booking_slot (id, care_unit, start, json, booking_id, subject_of_care) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const s of slots) stmt.run(s.id, s.careUnit, s.start, JSON.stringify(s), s.bookingId ?? null, s.subjectOfCare ?? null);
    })();
  }

  addCustody(guardian: string, child: string): void {
    this.db.prepare('INSERT OR IGNORE INTO booking_custody (guardian, child) VALUES (?, ?)').run(guardian, child);
  }

  hasCustody(guardian: string, child: string): boolean {
    return this.db.prepare('SELECT 1 FROM booking_custody WHERE guardian = ? AND child = ?').get(guardian, child) !== undefined;
  }

  byBookingId(bookingId: string): Timeslot | undefined {
    const r = this.db.prepare('SELECT json FROM booking_slot WHERE booking_id = ?').get(bookingId) as Row | undefined;
    return r ? toSlot(r) : undefined;
  }

  /** The slot at this unit and start time (optionally with this performer). */
  at(careUnit: string, start: string, performer?: string): Timeslot | undefined {
    const rows = (this.db.prepare('SELECT json FROM booking_slot WHERE care_unit = ? AND start = ? ORDER BY id').all(careUnit, start) as Row[]).map(toSlot);
    return rows.find((s) => !performer || s.performer === performer);
  }

  bookedFor(subjectOfCare: string, careUnit?: string): Timeslot[] {
    return (this.db.prepare('SELECT json FROM booking_slot WHERE subject_of_care = ? ORDER BY start').all(subjectOfCare) as Row[])
      .map(toSlot)
      .filter((s) => !careUnit || s.careUnit === careUnit);
  }

  booked(): Timeslot[] {
    return (this.db.prepare('SELECT json FROM booking_slot WHERE booking_id IS NOT NULL ORDER BY start').all() as Row[]).map(toSlot);
  }

  /** Every slot at the unit, free or booked, in start order. */
  slotsAt(careUnit: string): Timeslot[] {
    return (this.db.prepare('SELECT json FROM booking_slot WHERE care_unit = ? ORDER BY start').all(careUnit) as Row[]).map(toSlot);
  }

  /** Free slots at the unit whose start date (yyyyMMdd) is within the inclusive range. */
  free(careUnit: string, fromDate: string, toDate: string): Timeslot[] {
    return (this.db.prepare('SELECT json FROM booking_slot WHERE care_unit = ? AND booking_id IS NULL AND start >= ? AND start <= ? ORDER BY start').all(careUnit, fromDate, toDate + '999999') as Row[]).map(toSlot);
  }

  /** Runs `fn` in one transaction: a booking change is all or nothing. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
