/** crm:scheduling 1.1 requests as the 1177 e-services send them (payloads plus the Actor header). */
import { NS } from '../../shared/soap/namespaces.js';
import { escapeXml } from '../../shared/xml/serialize.js';
import { leaf } from '../xml-fragment.js';
import { SCHEDULING_CORE_NS, SCHEDULING_NS } from '../booking/booking-xml.js';

const EXT_NS = 'urn:riv:crm:scheduling:1.1';

/** Who acts: the citizen (`subject_of_care`) or a guardian for a child (`subject_of_care_agent`). */
export function actorHeader(actorId: string, actorType: 'subject_of_care' | 'subject_of_care_agent'): string {
  return `<Actor xmlns="${NS.interopHeaders}"><actorId>${escapeXml(actorId)}</actorId><actorType>${actorType}</actorType></Actor>`;
}

const request = (interaction: string, inner: string): string =>
  `<${interaction} xmlns="${SCHEDULING_NS(interaction)}" xmlns:c="${SCHEDULING_CORE_NS}" xmlns:m1="${EXT_NS}">${inner}</${interaction}>`;

export function subjectOfCareScheduleRequest(careUnit: string, personId: string): string {
  return request('GetSubjectOfCareSchedule', leaf('healthcare_facility', careUnit) + leaf('subject_of_care', personId));
}

export function bookingDetailsRequest(careUnit: string, bookingId: string): string {
  return request('GetBookingDetails', leaf('healthcare_facility', careUnit) + leaf('bookingId', bookingId));
}

/** Free slots between two dates (yyyyMMdd, inclusive). */
export function availableTimeslotsRequest(careUnit: string, fromDate: string, toDate: string, personId: string): string {
  const ext = `${SCHEDULING_NS('GetAvailableTimeslots')}.1`;
  return request(
    'GetAvailableTimeslots',
    leaf('healthcare_facility', careUnit) + leaf('startDateInclusive', fromDate) + leaf('endDateInclusive', toDate) + `<x:subject_of_care xmlns:x="${ext}">${escapeXml(personId)}</x:subject_of_care>`,
  );
}

export interface BookingWish {
  careUnit: string;
  /** yyyyMMddHHmmss of the chosen free slot */
  start: string;
  personId: string;
  firstName: string;
  lastName: string;
  reason?: string;
}

export function makeBookingRequest(w: BookingWish): string {
  const slot = leaf('c:startTimeInclusive', w.start) + leaf('c:healthcare_facility', w.careUnit) + leaf('c:subject_of_care', w.personId) + leaf('c:reason', w.reason);
  return request(
    'MakeBooking',
    leaf('healthcare_facility_med', w.careUnit) + `<requestedTimeslot>${slot}</requestedTimeslot>` + `<subject_of_care_info>${leaf('m1:firstName', w.firstName)}${leaf('m1:lastName', w.lastName)}</subject_of_care_info>`,
  );
}

/** Moves a booking to another free slot at the same unit. */
export function updateBookingRequest(careUnit: string, bookingId: string, start: string, personId: string): string {
  const slot = leaf('c:startTimeInclusive', start) + leaf('c:healthcare_facility', careUnit) + leaf('c:bookingId', bookingId) + leaf('c:subject_of_care', personId);
  return request('UpdateBooking', `<requestedTimeslot>${slot}</requestedTimeslot>`);
}

export function cancelBookingRequest(careUnit: string, bookingId: string, message?: string): string {
  return request('CancelBooking', leaf('healthcare_facility', careUnit) + leaf('bookingId', bookingId) + leaf('message', message));
}
