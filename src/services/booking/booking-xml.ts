/**
 * crm:scheduling 1.1 XML: TimeslotType and the catalogue reads' records in schema order (core `c:` =
 * urn:riv:crm:scheduling:1, unprefixed = the Responder namespace) and request reading.
 */
import { child, childText, children, type XmlElement } from '../../shared/xml/tree.js';
import { leaf, node } from '../xml-fragment.js';
import { performerNames, type Timeslot } from './timeslot.js';

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

/** GetAvailableDates: PerformerAvailabilityByDateType (Responder namespace) for the slot's date. */
export function availableDateXml(s: Timeslot): string {
  return node(
    'performerAvailabilityByDate',
    leaf('healthcare_facility', s.careUnit),
    leaf('performer', s.performer),
    leaf('date', s.start.slice(0, 8)),
    leaf('timeTypeName', s.timeTypeName),
    leaf('timeTypeID', s.timeTypeId),
    leaf('careTypeName', s.careTypeName),
    leaf('careTypeID', s.careTypeId),
  );
}

/** GetAllTimeTypes: core TimeTypeType (note `timeTypeId` here, `timeTypeID` in TimeslotType). */
export const timeTypeXml = (s: Timeslot): string => node('ListOfTimeTypes', l('timeTypeName', s.timeTypeName), l('timeTypeId', s.timeTypeId));

/** GetAllCareTypes: core CareTypeType. */
export const careTypeXml = (s: Timeslot): string => node('careTypes', l('careTypeName', s.careTypeName), l('careTypeId', s.careTypeId));

/** GetAllPerformers: core PerformerInfoType, whose HSA-id element is spelt `perfomer` in the published schema. */
export function performerInfoXml(s: Timeslot): string {
  const p = performerNames(s);
  return node('performerInfos', l('perfomer', s.performer), l('firstName', p.firstName), l('lastName', p.lastName), l('title', p.title));
}

/** GetAllHealthcareFacilities: core HealthcareFacilityInfoType. */
export const facilityXml = (hsaId: string, name: string): string => node('healthcareFacilityInfos', l('healthcare_facility', hsaId), l('healthcare_facility_name', name));

/** Text of a child element, trimmed; any namespace (the request mixes Responder, core and 1.1 elements). */
export function text(el: XmlElement | undefined, name: string): string | undefined {
  const t = childText(el, name)?.trim();
  return t === '' ? undefined : t;
}

/** Texts of a repeated child element (any namespace: `performer`, `timeTypeIDs`, `m1:careTypeIDs`), empty ones left out. */
export function texts(el: XmlElement, name: string): string[] {
  return children(el, name).map((c) => c.text.trim()).filter((t) => t !== '');
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
