import { expect } from 'chai';
import { createBookingSystem, type RunningBookingSystem } from '../../src/services/booking/booking-system.js';
import { SCHEDULING_NS } from '../../src/services/booking/booking-xml.js';
import { contractPath } from '../../src/services/reference-system.js';
import { EI_UPDATE_NS } from '../../src/services/ei-reporter.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { childText, children } from '../../src/shared/xml/tree.js';
import * as req from '../../src/services/citizen/booking-requests.js';
import { referenceDir, validatePayloadXml } from '../support/riv-reference.js';
import { startStandInHub, EI_UPDATE_OK, type StandInHub } from './stand-in-hub.js';

const UNIT = 'SE2321000016-1001';
const SYSTEM = { name: 'booking-test', hsaId: 'SE2321000016-B001', description: 'Testbokning', careUnits: [{ hsaId: UNIT, name: 'Vårdcentralen Test' }] };
const GUARDIAN = '191212121212';
const CHILD = '201207122381';
const STRANGER = '195712012995';

describe('reference booking system', function () {
  this.timeout(30000);
  let hub: StandInHub;
  let booking: RunningBookingSystem;

  before(async () => {
    hub = await startStandInHub({ [EI_UPDATE_NS]: EI_UPDATE_OK }, [SYSTEM.hsaId]);
    booking = await createBookingSystem(SYSTEM).start(hub.env);
    await booking.announce();
  });
  after(async () => {
    await booking?.close();
    await hub?.close();
  });

  /** Calls one operation directly, validating request and answer against the official schemas when present. */
  async function call(interaction: string, payload: string, actor?: string) {
    const envelope = rivRequest(UNIT, payload, actor ? [actor] : []);
    if (referenceDir()) expect(await validatePayloadXml(envelope), `${interaction} request`).to.deep.equal([]);
    const answer = await postSoap({ url: booking.url + contractPath(SCHEDULING_NS(interaction)), body: envelope, dispatcher: hub.hubAgent });
    if (referenceDir() && answer.status === 200) expect(await validatePayloadXml(answer.body), `${interaction} response`).to.deep.equal([]);
    return answer;
  }
  const eiUpdates = () => hub.calls.filter((c) => c.namespace === EI_UPDATE_NS).map((c) => c.body);
  const freeSlots = async (personId: string) => {
    const a = await call('GetAvailableTimeslots', req.availableTimeslotsRequest(UNIT, '20000101', '29991231', personId));
    return children(a.envelope!.payload, 'timeslotDetail').map((t) => childText(t, 'startTimeInclusive')!);
  };

  it('reports the demo booking to the EI at start (crm:scheduling, NA, the care unit as logical address)', () => {
    const first = eiUpdates()[0]!;
    expect(first).to.include(`<core:registeredResidentIdentification>${GUARDIAN}</core:registeredResidentIdentification>`).and.include('<core:serviceDomain>riv:crm:scheduling</core:serviceDomain>').and.include('<core:categorization>NA</core:categorization>').and.include(`<core:logicalAddress>${UNIT}</core:logicalAddress>`);
  });

  it('books, shows, rebooks and cancels a time with EI updates on every change', async function () {
    const [start, later] = await freeSlots(GUARDIAN);
    const made = await call('MakeBooking', req.makeBookingRequest({ careUnit: UNIT, start: start!, personId: STRANGER, firstName: 'Anna', lastName: 'Andersson', reason: 'Hosta' }), req.actorHeader(STRANGER, 'subject_of_care'));
    expect(childText(made.envelope!.payload, 'resultCode')).to.equal('OK');
    const bookingId = childText(made.envelope!.payload, 'bookingId')!;
    expect(eiUpdates().at(-1)).to.include(`<core:registeredResidentIdentification>${STRANGER}</core:registeredResidentIdentification>`).and.include('<core:deleteFlag>false</core:deleteFlag>');
    expect(await freeSlots(STRANGER)).to.not.include(start);

    const schedule = await call('GetSubjectOfCareSchedule', req.subjectOfCareScheduleRequest(UNIT, STRANGER));
    expect(children(schedule.envelope!.payload, 'timeslotDetail').map((t) => childText(t, 'bookingId'))).to.deep.equal([bookingId]);

    const updated = await call('UpdateBooking', req.updateBookingRequest(UNIT, bookingId, later!, STRANGER), req.actorHeader(STRANGER, 'subject_of_care'));
    expect(childText(updated.envelope!.payload, 'resultCode')).to.equal('OK');
    const details = await call('GetBookingDetails', req.bookingDetailsRequest(UNIT, bookingId));
    expect(childText(children(details.envelope!.payload, 'timeslotDetail')[0], 'startTimeInclusive')).to.equal(later);
    expect(await freeSlots(STRANGER)).to.include(start);

    const before = eiUpdates().length;
    const cancelled = await call('CancelBooking', req.cancelBookingRequest(UNIT, bookingId), req.actorHeader(STRANGER, 'subject_of_care'));
    expect(childText(cancelled.envelope!.payload, 'resultCode')).to.equal('OK');
    expect(eiUpdates().length).to.equal(before + 1);
    expect(eiUpdates().at(-1)).to.include('<core:deleteFlag>true</core:deleteFlag>');
  });

  it('refuses a time someone else has booked with the contract ERROR and a text for the citizen', async () => {
    const [start] = await freeSlots(GUARDIAN);
    await call('MakeBooking', req.makeBookingRequest({ careUnit: UNIT, start: start!, personId: GUARDIAN, firstName: 'Tolvan', lastName: 'Tolvansson' }));
    const second = await call('MakeBooking', req.makeBookingRequest({ careUnit: UNIT, start: start!, personId: STRANGER, firstName: 'Anna', lastName: 'Andersson' }));
    expect(childText(second.envelope!.payload, 'resultCode')).to.equal('ERROR');
    expect(childText(second.envelope!.payload, 'resultText')).to.equal('Tiden är tyvärr redan bokad av någon annan. Välj en annan tid.');
  });

  it('lets a guardian book for their child and refuses someone without custody', async () => {
    const [, , start] = await freeSlots(GUARDIAN);
    const asGuardian = await call('MakeBooking', req.makeBookingRequest({ careUnit: UNIT, start: start!, personId: CHILD, firstName: 'Lilla', lastName: 'Tolvansson' }), req.actorHeader(GUARDIAN, 'subject_of_care_agent'));
    expect(childText(asGuardian.envelope!.payload, 'resultCode')).to.equal('OK');
    const [, , , other] = await freeSlots(GUARDIAN);
    const asStranger = await call('MakeBooking', req.makeBookingRequest({ careUnit: UNIT, start: other!, personId: CHILD, firstName: 'Lilla', lastName: 'Tolvansson' }), req.actorHeader(STRANGER, 'subject_of_care_agent'));
    expect(childText(asStranger.envelope!.payload, 'resultCode')).to.equal('ERROR');
    expect(childText(asStranger.envelope!.payload, 'resultText')).to.equal(`Du (${STRANGER}) har inte behörighet att hantera bokningar för ${CHILD}. Vårdnadshavare kan boka för sina barn.`);
    const schedule = await call('GetSubjectOfCareSchedule', req.subjectOfCareScheduleRequest(UNIT, CHILD), req.actorHeader(STRANGER, 'subject_of_care_agent'));
    expect(schedule.status).to.equal(500);
    expect(schedule.envelope!.fault!.string).to.include('har inte behörighet');
  });

  it('keeps bookings across a restart (its own SQLite file)', async () => {
    const before = booking.store.booked().length;
    await booking.close();
    booking = await createBookingSystem(SYSTEM).start(hub.env);
    expect(booking.store.booked().length).to.equal(before);
  });
});
