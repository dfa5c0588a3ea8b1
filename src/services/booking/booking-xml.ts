/** crm:scheduling 1.1 XML: TimeslotType in schema order (core `c:` = urn:riv:crm:scheduling:1) and request reading. */
import { child, childText, type XmlElement } from '../../shared/xml/tree.js';
import { leaf, node } from '../xml-fragment.js';
import type { Timeslot } from './timeslot.js';

export const SCHEDULING_CORE_NS = 'urn:riv:crm:scheduling:1';
export const SCHEDULING_NS = (interaction: string): string => `urn:riv:crm:scheduling:${interaction}Responder:1`;

const l = (name: string, v: string | boolean | undefined): string => leaf(`c:${name}`, v);

export function timeslotXml(element: string, s: Timeslot, unitName: (id: string) => string): string {
  return node(
    element,
    l('startTimeInclusive', s.start),
    l('endTimeExclusive', s.end),
    l('healthcare_facility', s.careUnit),
    l('performer', s.performer),
    l('bookingId', s.bookingId),
    l('subject_of_care', s.subjectOfCare),
    l('reason', s.reason),
    l('healthcare_facility_name', unitName(s.careUnit)),
    l('performerName', s.performerName),
    l('timeTypeName', s.timeTypeName),
    l('timeTypeID', s.timeTypeId),
    l('careTypeName', s.careTypeName),
    l('careTypeID', s.careTypeId),
    l('cancel_booking_allowed', s.bookingId !== undefined),
    l('rebooking_allowed', s.bookingId !== undefined),
    l('message_allowed', false),
  );
}

/** Text of a child element, trimmed; any namespace (the request mixes Responder, core and 1.1 elements). */
export function text(el: XmlElement | undefined, name: string): string | undefined {
  const t = childText(el, name)?.trim();
  return t === '' ? undefined : t;
}

/** The requested timeslot of MakeBooking / UpdateBooking. */
export function readRequestedTimeslot(payload: XmlElement): { start?: string; careUnit?: string; performer?: string; bookingId?: string; subjectOfCare?: string; reason?: string } {
  const t = child(payload, 'requestedTimeslot');
  return {
    start: text(t, 'startTimeInclusive'),
    careUnit: text(t, 'healthcare_facility'),
    performer: text(t, 'performer'),
    bookingId: text(t, 'bookingId'),
    subjectOfCare: text(t, 'subject_of_care'),
    reason: text(t, 'reason'),
  };
}

/** The citizen's name from subject_of_care_info (m1:firstName / m1:lastName). */
export function readSubjectName(payload: XmlElement): string | undefined {
  const info = child(payload, 'subject_of_care_info');
  const name = [text(info, 'firstName'), text(info, 'lastName')].filter(Boolean).join(' ');
  return name || undefined;
}
