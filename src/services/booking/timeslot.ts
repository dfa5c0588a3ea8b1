/** A time slot of the reference booking system, free or booked. */
export interface Timeslot {
  id: string;
  careUnit: string;
  /** yyyyMMddHHmmss */
  start: string;
  end: string;
  performer: string;
  /** as shown to the citizen, e.g. `Dr Eva Läkare` */
  performerName: string;
  /** the parts GetAllPerformers answers; absent on slots saved before they were kept (see performerNames) */
  performerNames?: PerformerNames;
  timeTypeId: string;
  timeTypeName: string;
  careTypeId: string;
  careTypeName: string;
  bookingId?: string;
  subjectOfCare?: string;
  subjectName?: string;
  reason?: string;
}

export interface PerformerNames {
  firstName: string;
  lastName: string;
  title?: string;
}

/** The performer's name parts: the slot's own, else its display name split at the last space. */
export function performerNames(s: Timeslot): PerformerNames {
  if (s.performerNames) return s.performerNames;
  const cut = s.performerName.lastIndexOf(' ');
  return cut < 0 ? { firstName: '', lastName: s.performerName } : { firstName: s.performerName.slice(0, cut), lastName: s.performerName.slice(cut + 1) };
}
