import { expect } from 'chai';
import { createBookingSystem, type RunningBookingSystem } from '../../src/services/booking/booking-system.js';
import { SCHEDULING_NS } from '../../src/services/booking/booking-xml.js';
import { contractPath } from '../../src/services/reference-system.js';
import { demoCatalogueOrder } from '../../src/services/demo/catalogue-order.js';
import { CITIZEN_CONSUMER_HSA_ID, demoSystem } from '../../src/services/demo/systems.js';
import { loadCatalogue } from '../../src/contracts/index.js';
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
const ELSEWHERE = 'SE2321000016-9999';

/** A crm:scheduling read written here (`x:` = the interaction's 1.1 extension namespace, where its schema puts subject_of_care). */
const readRequest = (interaction: string, inner: string): string => `<${interaction} xmlns="${SCHEDULING_NS(interaction)}" xmlns:x="${SCHEDULING_NS(interaction)}.1">${inner}</${interaction}>`;
/** GetAvailableDates and GetAvailableTimeslots share one request type: unit, date range, narrowing elements, subject. */
const dateRangeRequest = (interaction: string, unit: string, narrowing = ''): string =>
  readRequest(interaction, `<healthcare_facility>${unit}</healthcare_facility><startDateInclusive>20000101</startDateInclusive><endDateInclusive>29991231</endDateInclusive>${narrowing}<x:subject_of_care>${GUARDIAN}</x:subject_of_care>`);

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

  /** The answer's records as rows of the named fields. */
  const rows = async (interaction: string, payload: string, element: string, fields: string[]) => {
    const a = await call(interaction, payload);
    expect(a.status, `${interaction}: ${a.body}`).to.equal(200);
    return children(a.envelope!.payload, element).map((e) => fields.map((f) => childText(e, f)));
  };
  const timeTypes = (unit: string, narrowing = '') => rows('GetAllTimeTypes', readRequest('GetAllTimeTypes', `<healthcare_facility>${unit}</healthcare_facility>${narrowing}<x:subject_of_care>${GUARDIAN}</x:subject_of_care>`), 'ListOfTimeTypes', ['timeTypeName', 'timeTypeId']);
  const careTypes = (unit: string, narrowing = '') => rows('GetAllCareTypes', readRequest('GetAllCareTypes', `<healthcare_facility>${unit}</healthcare_facility>${narrowing}<subject_of_care>${GUARDIAN}</subject_of_care>`), 'careTypes', ['careTypeName', 'careTypeId']);
  const performers = (unit: string, narrowing = '') => rows('GetAllPerformers', readRequest('GetAllPerformers', `<healthcare_facility>${unit}</healthcare_facility>${narrowing}<subject_of_care>${GUARDIAN}</subject_of_care>`), 'performerInfos', ['perfomer', 'firstName', 'lastName', 'title']);
  const facilities = (unit: string) => rows('GetAllHealthcareFacilities', readRequest('GetAllHealthcareFacilities', `<healthcare_facility>${unit}</healthcare_facility><subject_of_care>${GUARDIAN}</subject_of_care>`), 'healthcareFacilityInfos', ['healthcare_facility', 'healthcare_facility_name']);

  it('answers the time types, care types and performers its slots use, once each, narrowed by the request', async () => {
    expect(await timeTypes(UNIT)).to.deep.equal([['Läkarbesök', 'LAK'], ['Sjuksköterskebesök', 'SSK']]);
    expect(await timeTypes(UNIT, '<x:careTypeIDs>VACC</x:careTypeIDs>')).to.deep.equal([['Sjuksköterskebesök', 'SSK']]);
    expect(await careTypes(UNIT)).to.deep.equal([['Allmänmedicin', 'ALLM'], ['Vaccination', 'VACC']]);
    expect(await careTypes(UNIT, '<timeTypeIDs>SSK</timeTypeIDs>')).to.deep.equal([['Vaccination', 'VACC']]);
    expect(await careTypes(UNIT, '<performer>SE2321000016-P001</performer>')).to.deep.equal([['Allmänmedicin', 'ALLM']]);
    expect(await performers(UNIT)).to.deep.equal([
      ['SE2321000016-P001', 'Eva', 'Läkare', 'Distriktsläkare'],
      ['SE2321000016-P002', 'Sara', 'Sjuksköterska', 'Distriktssköterska'],
    ]);
    expect(await performers(UNIT, '<timeTypeIDs>LAK</timeTypeIDs><timeTypeIDs>SSK</timeTypeIDs><careTypeIDs>VACC</careTypeIDs>')).to.deep.equal([['SE2321000016-P002', 'Sara', 'Sjuksköterska', 'Distriktssköterska']]);
  });

  it('lists its care units as healthcare facilities, and answers every catalogue read empty at a unit it does not book for', async () => {
    expect(await facilities(UNIT)).to.deep.equal([[UNIT, 'Vårdcentralen Test']]);
    expect(await facilities(ELSEWHERE)).to.deep.equal([]);
    expect(await timeTypes(ELSEWHERE)).to.deep.equal([]);
    expect(await careTypes(ELSEWHERE)).to.deep.equal([]);
    expect(await performers(ELSEWHERE)).to.deep.equal([]);
    expect(await rows('GetAvailableDates', dateRangeRequest('GetAvailableDates', ELSEWHERE), 'performerAvailabilityByDate', ['date'])).to.deep.equal([]);
  });

  it('answers GetAvailableDates with one record per date, performer, time type and care type of its free slots', async () => {
    const fields = ['healthcare_facility', 'performer', 'timeTypeName', 'timeTypeID', 'careTypeName', 'careTypeID'];
    const dates = await rows('GetAvailableDates', dateRangeRequest('GetAvailableDates', UNIT, '<timeTypeID>LAK</timeTypeID>'), 'performerAvailabilityByDate', ['date', ...fields]);
    const freeLak = await rows('GetAvailableTimeslots', dateRangeRequest('GetAvailableTimeslots', UNIT, '<timeTypeID>LAK</timeTypeID>'), 'timeslotDetail', ['startTimeInclusive', ...fields]);
    expect(freeLak).to.not.be.empty;
    expect(dates.map((d) => d[0])).to.deep.equal([...new Set(freeLak.map((s) => s[0]!.slice(0, 8)))]);
    for (const d of dates) expect(d.slice(1)).to.deep.equal([UNIT, 'SE2321000016-P001', 'Läkarbesök', 'LAK', 'Allmänmedicin', 'ALLM']);
    const all = await rows('GetAvailableDates', dateRangeRequest('GetAvailableDates', UNIT), 'performerAvailabilityByDate', ['date', 'performer']);
    expect(all.length).to.equal(new Set(all.map((d) => d.join('|'))).size);
    expect(all.filter((d) => d[1] === 'SE2321000016-P002')).to.not.be.empty;
  });

  it('answers a slot saved without name parts with its display name split at the last space', async () => {
    booking.store.save([{ id: 'no-names', careUnit: UNIT, start: '29990101080000', end: '29990101083000', performer: 'SE2321000016-P009', performerName: 'Dr Ali Kirurg', timeTypeId: 'OP', timeTypeName: 'Operation', careTypeId: 'KIR', careTypeName: 'Kirurgi' }]);
    expect(await performers(UNIT, '<careTypeIDs>KIR</careTypeIDs>')).to.deep.equal([['SE2321000016-P009', 'Dr Ali', 'Kirurg', undefined]]);
  });

  it('keeps bookings across a restart (its own SQLite file)', async () => {
    const before = booking.store.booked().length;
    await booking.close();
    booking = await createBookingSystem(SYSTEM).start(hub.env);
    expect(booking.store.booked().length).to.equal(before);
  });
});

describe('reference booking system in the demo catalogue order', () => {
  it('is routed every crm:scheduling contract at each of its care units, and the 1177 consumer may call them', () => {
    const row = demoSystem('booking-stockholm');
    const system = createBookingSystem({ name: row.name, hsaId: row.hsaId, description: row.description, careUnits: row.careUnits });
    const order = demoCatalogueOrder({ systems: [{ system, url: 'https://127.0.0.1:8103' }], citizenHsaId: CITIZEN_CONSUMER_HSA_ID, platformHsaId: '5565594230', platformNamespaces: new Set(), pathOf: contractPath, today: '2026-12-01' });
    const { vagval, anropsbehorigheter } = order.inkludera as { vagval: Array<Record<string, string>>; anropsbehorigheter: Array<Record<string, string>> };
    const scheduling = [...loadCatalogue().values()].filter((c) => c.domain === 'crm:scheduling').map((c) => c.namespace);
    for (const unit of row.careUnits) {
      for (const ns of scheduling) {
        expect(vagval.filter((v) => v.logiskAdress === unit.hsaId && v.tjanstekontrakt === ns).map((v) => [v.tjanstekomponent, v.adress]), `${unit.hsaId} ${ns}`).to.deep.equal([[row.hsaId, `https://127.0.0.1:8103${contractPath(ns)}`]]);
        expect(anropsbehorigheter.some((p) => p.logiskAdress === unit.hsaId && p.tjanstekontrakt === ns && p.tjanstekonsument === CITIZEN_CONSUMER_HSA_ID), `1177 → ${unit.hsaId} ${ns}`).to.equal(true);
      }
    }
  });
});
