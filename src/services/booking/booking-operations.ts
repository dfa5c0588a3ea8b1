/**
 * The crm:scheduling operations of the reference booking system: ONE table of interaction → handler.
 * Writes run in one SQLite transaction and report which (person, care unit) pairs changed, so the system
 * can update the EI (spec riv-contracts.md §4; engagement-index-and-aggregation.md §5).
 */
import { randomUUID } from 'node:crypto';
import { child, type XmlElement } from '../../shared/xml/tree.js';
import { leaf } from '../xml-fragment.js';
import { refuse } from './booking-errors.js';
import type { BookingStore } from './booking-store.js';
import { readRequestedTimeslot, readSubjectName, text, timeslotXml } from './booking-xml.js';
import type { Timeslot } from './timeslot.js';

/** Who acts, from the `Actor` header (interoperability headers 1.0). */
export interface Actor {
  id: string;
  type: string;
}

export interface OperationContext {
  store: BookingStore;
  payload: XmlElement;
  actor: Actor | undefined;
  /** the care units this system books for */
  units: ReadonlyMap<string, string>;
}

export interface OperationResult {
  /** the response element's children (Responder namespace default, core as `c:`) */
  body: string;
  /** persons whose bookings at a unit changed */
  changed: Array<{ personId: string; careUnit: string }>;
  /** the slot a MakeBooking booked (the system confirms it in the citizen's inbox) */
  booked?: Timeslot;
}

/** Writes answer refusals in resultCode/resultText; reads have no result element, so they refuse with a fault. */
export interface Operation {
  kind: 'read' | 'write';
  run(ctx: OperationContext): OperationResult;
}

const need = (value: string | undefined, field: string): string => {
  if (value === undefined) throw refuse('BOOKING_MISSING_FIELD', field);
  return value;
};

/** A person acting for someone else needs custody (booking on behalf of a child, issue 6 §2). */
function authorize(ctx: OperationContext, subject: string): void {
  const actor = ctx.actor;
  if (!actor || actor.id === subject) return;
  if (!ctx.store.hasCustody(actor.id, subject)) throw refuse('BOOKING_NO_CUSTODY', actor.id, subject);
}

const unitName = (ctx: OperationContext) => (id: string): string => ctx.units.get(id) ?? id;
const ok = (extra = ''): string => `${extra}${leaf('resultCode', 'OK')}`;
const slots = (ctx: OperationContext, list: Timeslot[]): string => list.map((s) => timeslotXml('timeslotDetail', s, unitName(ctx))).join('');

function bookedSlot(ctx: OperationContext, bookingId: string, careUnit?: string): Timeslot {
  const slot = ctx.store.byBookingId(bookingId);
  if (!slot) throw refuse('BOOKING_UNKNOWN', bookingId);
  if (careUnit && slot.careUnit !== careUnit) throw refuse('BOOKING_WRONG_UNIT', bookingId, careUnit);
  authorize(ctx, slot.subjectOfCare!);
  return slot;
}

function freeSlot(ctx: OperationContext, careUnit: string, start: string, performer?: string): Timeslot {
  const slot = ctx.store.at(careUnit, start, performer);
  if (!slot || !ctx.units.has(careUnit)) throw refuse('BOOKING_NO_SUCH_SLOT', careUnit, start);
  if (slot.bookingId) throw refuse('BOOKING_SLOT_TAKEN');
  return slot;
}

const release = (s: Timeslot): Timeslot => ({ ...s, bookingId: undefined, subjectOfCare: undefined, subjectName: undefined, reason: undefined });

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetSubjectOfCareSchedule: {
    kind: 'read',
    run(ctx) {
      const subject = need(text(ctx.payload, 'subject_of_care'), 'subject_of_care');
      const unit = need(text(ctx.payload, 'healthcare_facility'), 'healthcare_facility');
      authorize(ctx, subject);
      return { changed: [], body: ctx.units.has(unit) ? slots(ctx, ctx.store.bookedFor(subject, unit)) : '' };
    },
  },
  GetBookingDetails: {
    kind: 'read',
    run(ctx) {
      const slot = bookedSlot(ctx, need(text(ctx.payload, 'bookingId'), 'bookingId'), text(ctx.payload, 'healthcare_facility'));
      return { changed: [], body: slots(ctx, [slot]) };
    },
  },
  GetAvailableTimeslots: {
    kind: 'read',
    run(ctx) {
      const unit = need(text(ctx.payload, 'healthcare_facility'), 'healthcare_facility');
      const from = need(text(ctx.payload, 'startDateInclusive'), 'startDateInclusive');
      const to = need(text(ctx.payload, 'endDateInclusive'), 'endDateInclusive');
      const performers = ctx.payload.children.filter((c) => c.name === 'performer').map((c) => c.text.trim());
      const free = ctx.units.has(unit) ? ctx.store.free(unit, from, to).filter((s) => performers.length === 0 || performers.includes(s.performer)) : [];
      return { changed: [], body: slots(ctx, free) };
    },
  },
  MakeBooking: {
    kind: 'write',
    run(ctx) {
      const t = readRequestedTimeslot(ctx.payload);
      const subject = need(t.subjectOfCare, 'requestedTimeslot/subject_of_care');
      authorize(ctx, subject);
      const unit = need(t.careUnit ?? text(ctx.payload, 'healthcare_facility_med'), 'requestedTimeslot/healthcare_facility');
      const slot = freeSlot(ctx, unit, need(t.start, 'requestedTimeslot/startTimeInclusive'), t.performer);
      const bookingId = `B-${randomUUID()}`;
      const booked = { ...slot, bookingId, subjectOfCare: subject, subjectName: readSubjectName(ctx.payload), reason: t.reason };
      ctx.store.save([booked]);
      return { changed: [{ personId: subject, careUnit: unit }], body: ok(leaf('bookingId', bookingId)), booked };
    },
  },
  UpdateBooking: {
    kind: 'write',
    run(ctx) {
      const t = readRequestedTimeslot(ctx.payload);
      const old = bookedSlot(ctx, need(t.bookingId, 'requestedTimeslot/bookingId'));
      const unit = t.careUnit ?? old.careUnit;
      const next = freeSlot(ctx, unit, need(t.start, 'requestedTimeslot/startTimeInclusive'), t.performer);
      const moved = { ...next, bookingId: old.bookingId, subjectOfCare: old.subjectOfCare, subjectName: readSubjectName(ctx.payload) ?? old.subjectName, reason: t.reason ?? old.reason };
      ctx.store.save([release(old), moved]);
      const changed = [{ personId: old.subjectOfCare!, careUnit: old.careUnit }];
      if (unit !== old.careUnit) changed.push({ personId: old.subjectOfCare!, careUnit: unit });
      return { changed, body: ok() };
    },
  },
  CancelBooking: {
    kind: 'write',
    run(ctx) {
      const slot = bookedSlot(ctx, need(text(ctx.payload, 'bookingId'), 'bookingId'), text(ctx.payload, 'healthcare_facility'));
      ctx.store.save([release(slot)]);
      return { changed: [{ personId: slot.subjectOfCare!, careUnit: slot.careUnit }], body: ok() };
    },
  },
};

/** Reads the Actor header leniently (spec riv-contracts.md §9.2: real traffic puts an OID in actorType). */
export function readActor(header: XmlElement | undefined, ns: string): Actor | undefined {
  const a = header?.children.find((c) => c.name === 'Actor' && c.ns === ns);
  const id = child(a, 'actorId')?.text.trim();
  return id ? { id, type: child(a, 'actorType')?.text.trim() ?? '' } : undefined;
}
