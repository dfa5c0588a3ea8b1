/**
 * The citizen simulator's calls, acting as the 1177 e-services consumer through the hub: the journal read
 * through the aggregating services (LogicalAddress = the platform) and the booking verbs. Answers are
 * summarised into plain objects for the CLI and the REST API.
 */
import { randomUUID } from 'node:crypto';
import { callThroughHub, type HubCaller, type SoapAnswer } from '../../shared/soap/client.js';
import { rivRequest } from '../../shared/soap/envelope.js';
import { NS } from '../../shared/soap/namespaces.js';
import { child, childText, children, type XmlElement } from '../../shared/xml/tree.js';
import { JOURNAL_CONTRACTS } from '../journal/journal-contracts.js';
import { journalRequest } from './journal-requests.js';
import * as booking from './booking-requests.js';

export interface SourceStatus {
  logicalAddress: string;
  statusCode: string;
}

export interface JournalEntry {
  contract: string;
  date: string;
  title: string;
  careUnit: string;
  sourceSystem: string;
}

export interface Timeslot {
  bookingId?: string;
  start: string;
  careUnit: string;
  careUnitName?: string;
  performerName?: string;
  reason?: string;
}

export class CitizenCallError extends Error {
  readonly code = 'NTJP_ERR_CITIZEN_CALL';
}

/** First descendant (depth-first) with one of these local names. */
function find(el: XmlElement | undefined, names: string[]): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (names.includes(c.name)) return c;
  for (const c of el.children) {
    const hit = find(c, names);
    if (hit) return hit;
  }
  return undefined;
}
const textOf = (el: XmlElement | undefined): string => (el ? (child(el, 'extension')?.text ?? el.text).trim() : '');

function processingStatus(answer: SoapAnswer): SourceStatus[] {
  const ps = answer.envelope?.header?.children.find((h) => h.name === 'ProcessingStatus' && h.ns === NS.interopHeaders);
  return children(ps, 'ProcessingStatusList').map((p) => ({ logicalAddress: childText(p, 'logicalAddress') ?? '', statusCode: childText(p, 'statusCode') ?? '' }));
}

function slotOf(t: XmlElement): Timeslot {
  return {
    bookingId: childText(t, 'bookingId'),
    start: childText(t, 'startTimeInclusive') ?? '',
    careUnit: childText(t, 'healthcare_facility') ?? '',
    careUnitName: childText(t, 'healthcare_facility_name'),
    performerName: childText(t, 'performerName'),
    reason: childText(t, 'reason'),
  };
}

export class CitizenClient {
  constructor(
    private readonly hub: HubCaller,
    private readonly platformHsaId: string,
    /** sees every request envelope and its answer (tests validate them against the schemas) */
    private readonly onExchange?: (request: string, answer: SoapAnswer) => void,
  ) {}

  private async call(logicalAddress: string, payload: string, headers: string[] = []): Promise<SoapAnswer> {
    const request = rivRequest(logicalAddress, payload, headers);
    const answer = await callThroughHub(this.hub, request, { correlationId: randomUUID() });
    this.onExchange?.(request, answer);
    const fault = answer.envelope?.fault;
    if (fault) throw new CitizenCallError(fault.string);
    if (answer.status !== 200 || !answer.envelope?.payload) throw new CitizenCallError(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
    return answer;
  }

  /** One journal contract (default GetCareDocumentation 3) read through the aggregating services. */
  async journal(personId: string, namespace = JOURNAL_CONTRACTS[1]!.namespace): Promise<{ entries: JournalEntry[]; sources: SourceStatus[] }> {
    const contract = JOURNAL_CONTRACTS.find((c) => c.namespace === namespace);
    if (!contract) throw new CitizenCallError(`not a journal contract: ${namespace}`);
    const answer = await this.call(this.platformHsaId, journalRequest(namespace, personId));
    const entries = children(answer.envelope!.payload, contract.recordElement).map((r) => ({
      contract: contract.operation,
      date: textOf(find(r, ['documentTime', 'timestamp', 'authorTime', 'registrationTime'])),
      title: textOf(find(r, ['documentTitle', 'clinicalDocumentNoteTitle', 'displayName'])),
      careUnit: textOf(find(r, ['orgUnitName'])),
      sourceSystem: textOf(find(r, ['sourceSystemHSAId', 'sourceSystemHSAid', 'sourceSystemId'])),
    }));
    return { entries: entries.sort((a, b) => b.date.localeCompare(a.date)), sources: processingStatus(answer) };
  }

  /** The person's bookings at every care unit, through the aggregated GetSubjectOfCareSchedule. */
  async bookings(personId: string, actorId = personId): Promise<{ bookings: Timeslot[]; sources: SourceStatus[] }> {
    const answer = await this.call(this.platformHsaId, booking.subjectOfCareScheduleRequest(this.platformHsaId, personId), [this.actor(actorId, personId)]);
    return { bookings: children(answer.envelope!.payload, 'timeslotDetail').map(slotOf), sources: processingStatus(answer) };
  }

  async freeSlots(careUnit: string, personId: string, fromDate: string, toDate: string): Promise<Timeslot[]> {
    const answer = await this.call(careUnit, booking.availableTimeslotsRequest(careUnit, fromDate, toDate, personId));
    return children(answer.envelope!.payload, 'timeslotDetail').map(slotOf);
  }

  /** Books a free slot; `actorId` ≠ the person means a guardian booking for a child. */
  async book(wish: booking.BookingWish, actorId = wish.personId): Promise<{ resultCode: string; resultText?: string; bookingId?: string }> {
    const answer = await this.call(wish.careUnit, booking.makeBookingRequest(wish), [this.actor(actorId, wish.personId)]);
    return this.result(answer);
  }

  async rebook(careUnit: string, bookingId: string, start: string, personId: string, actorId = personId): Promise<{ resultCode: string; resultText?: string }> {
    return this.result(await this.call(careUnit, booking.updateBookingRequest(careUnit, bookingId, start, personId), [this.actor(actorId, personId)]));
  }

  async cancel(careUnit: string, bookingId: string, personId: string, actorId = personId): Promise<{ resultCode: string; resultText?: string }> {
    return this.result(await this.call(careUnit, booking.cancelBookingRequest(careUnit, bookingId), [this.actor(actorId, personId)]));
  }

  private actor(actorId: string, personId: string): string {
    return booking.actorHeader(actorId, actorId === personId ? 'subject_of_care' : 'subject_of_care_agent');
  }

  private result(answer: SoapAnswer): { resultCode: string; resultText?: string; bookingId?: string } {
    const p = answer.envelope!.payload;
    return { resultCode: childText(p, 'resultCode') ?? '', resultText: childText(p, 'resultText'), bookingId: childText(p, 'bookingId') };
  }
}
