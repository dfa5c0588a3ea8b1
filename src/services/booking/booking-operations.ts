/**
 * The crm:scheduling operations of the reference booking system: ONE table of interaction → handler.
 * Writes run in one SQLite transaction and report which (person, care unit) pairs changed, so the system
 * can update the EI (docs/services.md, "1177 tidbokning"). The reads over a
 * unit's slots (free dates and times, the time types, care types and performers its schedule uses) are one
 * `slotRead` each: which slots, which request elements narrow them, one record per what.
 */
import { randomUUID } from 'node:crypto';
import { child, type XmlElement } from '../../shared/xml/tree.js';
import { leaf } from '../xml-fragment.js';
import { refuse } from './booking-errors.js';
import type { BookingStore } from './booking-store.js';
import { availableDateXml, careTypeXml, facilityXml, performerInfoXml, readRequestedTimeslot, readSubjectName, text, texts, timeslotXml, timeTypeXml } from './booking-xml.js';
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

/** A person acting for someone else needs custody (booking on behalf of a child). */
function authorize(ctx: OperationContext, subject: string): void {
  const actor = ctx.actor;
  if (!actor || actor.id === subject) return;
  if (!ctx.store.hasCustody(actor.id, subject)) throw refuse('BOOKING_NO_CUSTODY', actor.id, subject);
}

const unitName = (ctx: OperationContext) => (id: string): string => ctx.units.get(id) ?? id;
const ok = (extra = ''): string => `${extra}${leaf('resultCode', 'OK')}`;
const detail = (s: Timeslot, ctx: OperationContext): string => timeslotXml('timeslotDetail', s, unitName(ctx));
const slots = (ctx: OperationContext, list: Timeslot[]): string => list.map((s) => detail(s, ctx)).join('');

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

/** Request elements that narrow a read, each to the slot field it must equal (an element not sent narrows nothing). */
type Narrowing = ReadonlyArray<readonly [element: string, field: 'performer' | 'timeTypeId' | 'timeTypeName' | 'careTypeId' | 'careTypeName']>;

/** GetAvailableDates and GetAvailableTimeslots narrow alike (same request type). */
const FREE_SLOT_NARROWING: Narrowing = [
  ['performer', 'performer'],
  ['timeTypeID', 'timeTypeId'],
  ['timeTypeName', 'timeTypeName'],
  ['careTypeID', 'careTypeId'],
  ['careTypeName', 'careTypeName'],
];

/** The unit's free slots between startDateInclusive and endDateInclusive (yyyyMMdd). */
const freeInRange = (ctx: OperationContext, unit: string): Timeslot[] =>
  ctx.store.free(unit, need(text(ctx.payload, 'startDateInclusive'), 'startDateInclusive'), need(text(ctx.payload, 'endDateInclusive'), 'endDateInclusive'));

/** Every slot at the unit, free or booked: the catalogue reads answer what the unit's schedule uses. */
const everySlot = (ctx: OperationContext, unit: string): Timeslot[] => ctx.store.slotsAt(unit);

/**
 * A read over the slots of the requested unit (none at a unit this system does not book for): the slots
 * `source` gives, narrowed by the request, one record per distinct `key` (default every slot), in start order.
 */
function slotRead(source: (ctx: OperationContext, unit: string) => Timeslot[], narrowing: Narrowing, render: (s: Timeslot, ctx: OperationContext) => string, key: (s: Timeslot) => string = (s) => s.id): Operation {
  return {
    kind: 'read',
    run(ctx) {
      const unit = need(text(ctx.payload, 'healthcare_facility'), 'healthcare_facility');
      const wanted = narrowing.map(([element, field]) => [field, texts(ctx.payload, element)] as const).filter(([, values]) => values.length > 0);
      const first = new Map<string, Timeslot>();
      for (const s of source(ctx, unit)) {
        if (wanted.every(([field, values]) => values.includes(s[field])) && !first.has(key(s))) first.set(key(s), s);
      }
      return { changed: [], body: ctx.units.has(unit) ? [...first.values()].map((s) => render(s, ctx)).join('') : '' };
    },
  };
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
  GetAvailableDates: slotRead(freeInRange, FREE_SLOT_NARROWING, availableDateXml, (s) => `${s.start.slice(0, 8)}|${s.performer}|${s.timeTypeId}|${s.careTypeId}`),
  GetAvailableTimeslots: slotRead(freeInRange, FREE_SLOT_NARROWING, detail),
  GetAllTimeTypes: slotRead(everySlot, [['careTypeIDs', 'careTypeId']], timeTypeXml, (s) => s.timeTypeId),
  GetAllCareTypes: slotRead(everySlot, [['timeTypeIDs', 'timeTypeId'], ['performer', 'performer']], careTypeXml, (s) => s.careTypeId),
  GetAllPerformers: slotRead(everySlot, [['timeTypeIDs', 'timeTypeId'], ['careTypeIDs', 'careTypeId']], performerInfoXml, (s) => s.performer),
  GetAllHealthcareFacilities: {
    kind: 'read',
    run(ctx) {
      // Asked through one of its units, the system lists every unit it books for (bookingId is not used).
      const unit = need(text(ctx.payload, 'healthcare_facility'), 'healthcare_facility');
      return { changed: [], body: ctx.units.has(unit) ? [...ctx.units].map(([id, name]) => facilityXml(id, name)).join('') : '' };
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

/** Reads the Actor header leniently (real traffic puts an OID in actorType). */
export function readActor(header: XmlElement | undefined, ns: string): Actor | undefined {
  const a = header?.children.find((c) => c.name === 'Actor' && c.ns === ns);
  const id = child(a, 'actorId')?.text.trim();
  return id ? { id, type: child(a, 'actorType')?.text.trim() ?? '' } : undefined;
}
