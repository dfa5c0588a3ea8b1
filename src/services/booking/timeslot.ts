/** A time slot of the reference booking system, free or booked. */
export interface Timeslot {
  id: string;
  careUnit: string;
  /** yyyyMMddHHmmss */
  start: string;
  end: string;
  performer: string;
  performerName: string;
  timeTypeId: string;
  timeTypeName: string;
  careTypeId: string;
  careTypeName: string;
  bookingId?: string;
  subjectOfCare?: string;
  subjectName?: string;
  reason?: string;
}
