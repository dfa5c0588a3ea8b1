import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadCatalogue, type ContractDescriptor } from '../../src/contracts/index.js';
import { verifyProducer, type CheckSuite } from '../../src/contracts/verify/index.js';
import { OPERATIONS } from '../../src/services/booking/booking-operations.js';
import { createBookingSystem, type RunningBookingSystem } from '../../src/services/booking/booking-system.js';
import { SCHEDULING_NS } from '../../src/services/booking/booking-xml.js';
import { demoSystem } from '../../src/services/demo/systems.js';
import { EI_UPDATE_NS } from '../../src/services/ei-reporter.js';
import { contractPath } from '../../src/services/reference-system.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { childText, children } from '../../src/shared/xml/tree.js';
import { referenceSchemas, skipWithoutReference } from '../support/riv-reference.js';
import { EI_UPDATE_OK, startStandInHub, type StandInHub } from '../services/stand-in-hub.js';

/** The demo's booking system (units SE2321000016-1001 and -1003); its demo booking DEMO-0001 is 191212121212's at -1001. */
const { name, hsaId, description, careUnits } = demoSystem('booking-stockholm');
const UNIT = 'SE2321000016-1001';
const READS = Object.entries(OPERATIONS)
  .filter(([, op]) => op.kind === 'read')
  .map(([interaction]) => interaction);

function failed(s: CheckSuite): string[] {
  return s.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
}

describe('shipped crm:scheduling samples against the reference booking system (ntjp verify producer)', function () {
  this.timeout(30000);
  const catalogue = loadCatalogue();
  const contract = (interaction: string): ContractDescriptor => catalogue.get(SCHEDULING_NS(interaction))!;
  let hub: StandInHub | undefined;
  let booking: RunningBookingSystem | undefined;

  before(async function () {
    skipWithoutReference(this);
    hub = await startStandInHub({ [EI_UPDATE_NS]: EI_UPDATE_OK }, [hsaId]);
    booking = await createBookingSystem({ name, hsaId, description, careUnits }).start(hub.env);
  });
  after(async () => {
    await booking?.close();
    await hub?.close();
    if (hub) rmSync(dirname(hub.env.certsDir), { recursive: true, force: true });
  });

  it('covers every read of the crm:scheduling descriptor, and the system produces every crm:scheduling contract', () => {
    const scheduling = [...catalogue.values()].filter((c) => c.domain === 'crm:scheduling');
    expect(scheduling).to.have.length(11);
    expect(READS).to.have.members(scheduling.filter((c) => c.kind === 'read').map((c) => c.interaction));
    expect(Object.keys(OPERATIONS)).to.have.members(scheduling.map((c) => c.interaction));
  });

  for (const interaction of READS) {
    it(`${interaction}: the shipped sample request passes every check, sent straight to the system's TLS listener`, async () => {
      const c = contract(interaction);
      expect(c.sampleRequest, `riv-contracts/samples/${interaction}-1-request.xml`).to.be.a('string');
      const suite = await verifyProducer({
        contract: c,
        url: booking!.url + contractPath(c.namespace),
        logicalAddress: UNIT,
        validate: (xml) => referenceSchemas().validateXml(xml),
        dispatcher: hub!.hubAgent,
      });
      expect(failed(suite)).to.deep.equal([]);
      // crm:scheduling reads have no result code (descriptor resultCode null), so there is no result-code check.
      expect(suite.checks.map((k) => k.id)).to.deep.equal(['sample-request', 'content-type', 'soap-envelope', 'http-status', 'response-element', 'schema']);
    });
  }

  it('the GetSubjectOfCareSchedule and GetBookingDetails samples find the demo booking DEMO-0001 of 191212121212', async () => {
    for (const interaction of ['GetSubjectOfCareSchedule', 'GetBookingDetails']) {
      const answer = await postSoap({ url: booking!.url + contractPath(SCHEDULING_NS(interaction)), body: rivRequest(UNIT, contract(interaction).sampleRequest!.trim()), dispatcher: hub!.hubAgent });
      expect(answer.status, interaction).to.equal(200);
      const slots = children(answer.envelope!.payload, 'timeslotDetail');
      expect(slots.map((s) => [childText(s, 'bookingId'), childText(s, 'subject_of_care'), childText(s, 'healthcare_facility')]), interaction).to.deep.equal([['DEMO-0001', '191212121212', UNIT]]);
    }
  });

  /** The answer to the shipped sample request, as rows of the named fields of each `element`. */
  async function sampleAnswer(interaction: string, element: string, fields: string[]): Promise<Array<Array<string | undefined>>> {
    const answer = await postSoap({ url: booking!.url + contractPath(SCHEDULING_NS(interaction)), body: rivRequest(UNIT, contract(interaction).sampleRequest!.trim()), dispatcher: hub!.hubAgent });
    expect(answer.status, interaction).to.equal(200);
    return children(answer.envelope!.payload, element).map((e) => fields.map((f) => childText(e, f)));
  }

  it('the catalogue read samples find the demo units, time types, care types and performers', async () => {
    expect(await sampleAnswer('GetAllHealthcareFacilities', 'healthcareFacilityInfos', ['healthcare_facility', 'healthcare_facility_name'])).to.deep.equal(careUnits.map((u) => [u.hsaId, u.name]));
    expect(await sampleAnswer('GetAllTimeTypes', 'ListOfTimeTypes', ['timeTypeId'])).to.deep.equal([['LAK'], ['SSK']]);
    expect(await sampleAnswer('GetAllCareTypes', 'careTypes', ['careTypeId'])).to.deep.equal([['ALLM'], ['VACC']]);
    expect(await sampleAnswer('GetAllPerformers', 'performerInfos', ['perfomer'])).to.deep.equal([['SE2321000016-P001'], ['SE2321000016-P002']]);
  });

  it('the GetAvailableDates sample (time type LAK) is answered with LAK dates at the unit only', async () => {
    // The sample's date range is fixed and the demo's free slots follow today, so the number of dates may be 0.
    const dates = await sampleAnswer('GetAvailableDates', 'performerAvailabilityByDate', ['healthcare_facility', 'timeTypeID']);
    for (const d of dates) expect(d).to.deep.equal([UNIT, 'LAK']);
  });
});
