import { expect } from 'chai';
import { bridgeRivProfile } from '../../../src/vp/steps/riv-profile.js';
import type { EnvelopePrefix, VpExchange } from '../../../src/vp/exchange.js';
import type { RivProfile } from '../../../src/shared/soap/envelope.js';
import { HSA, rivCall } from '../../support/soap.js';
import { route } from '../catalogue-fixtures.js';
import { envelopeOf, expectFault, fakeExchange, fakeHub } from './step-fixtures.js';

const ENVELOPE_START = '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>';
const PAYLOAD = '</soapenv:Header><soapenv:Body><GetSubjectOfCareSchedule xmlns="urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1">';

function bridge(envelope: EnvelopePrefix, routeProfile: string): VpExchange {
  const ex = fakeExchange({ envelope, route: route(HSA.careUnit, 'http://127.0.0.1:1/producer', { profile: routeProfile as RivProfile }) });
  bridgeRivProfile(ex, fakeHub());
  return ex;
}

/** The first bytes of a request, cut inside the payload as the envelope reader leaves them. */
function prefixOf(profile: RivProfile): EnvelopePrefix {
  const xml = rivCall(HSA.careUnit, { profile });
  const cut = xml.indexOf('<healthcare_facility>');
  const whole = envelopeOf(xml);
  return { ...whole, bytes: whole.bytes.subarray(0, cut), text: xml.slice(0, cut), rawLength: cut, complete: false };
}

describe('hub step: RIV profile', () => {
  it("sends the prefix as it came when the route's profile is the call's", () => {
    const envelope = prefixOf('RIVTABP21');
    const ex = bridge(envelope, 'RIVTABP21');
    expect(ex.outPrefix).to.equal(envelope.bytes);
    expect(ex.outProfile).to.equal('RIVTABP21');
  });

  it("compares the route's profile without case", () => {
    const envelope = prefixOf('RIVTABP20');
    const ex = bridge(envelope, 'rivtabp20');
    expect([ex.outPrefix, ex.outProfile]).to.deep.equal([envelope.bytes, 'RIVTABP20']);
  });

  it('turns a BP 2.1 LogicalAddress into a BP 2.0 wsa:To for a BP 2.0 route, keeping the bytes after the Header', () => {
    const ex = bridge(prefixOf('RIVTABP21'), 'RIVTABP20');
    expect(ex.outProfile).to.equal('RIVTABP20');
    expect(ex.outPrefix!.toString()).to.equal(`${ENVELOPE_START}<To xmlns="http://www.w3.org/2005/08/addressing">${HSA.careUnit}</To>${PAYLOAD}`);
  });

  it('turns a BP 2.0 wsa:To into a BP 2.1 LogicalAddress for a BP 2.1 route, keeping the bytes after the Header', () => {
    const ex = bridge(prefixOf('RIVTABP20'), 'RIVTABP21');
    expect(ex.outProfile).to.equal('RIVTABP21');
    expect(ex.outPrefix!.toString()).to.equal(`${ENVELOPE_START}<wsa:LogicalAddress xmlns:wsa="urn:riv:itintegration:registry:1">${HSA.careUnit}</wsa:LogicalAddress>${PAYLOAD}`);
  });

  it('refuses a call without a RIV profile (no logical address element) with VP001', async () => {
    await expectFault(() => bridge({ ...prefixOf('RIVTABP21'), profile: undefined }, 'RIVTABP21'), 'VP001', 'No RIV version configured');
  });

  it('refuses a route profile it cannot convert to with VP005 naming the call\'s profile', async () => {
    await expectFault(() => bridge(prefixOf('RIVTABP21'), 'RIVTABP30'), 'VP005', 'No receiverId (logical address) with matching Riv-version found for rivtabp21');
  });

  it('answers a conversion that fails with VP012 saying why', async () => {
    await expectFault(
      () => bridge({ ...prefixOf('RIVTABP21'), headerContent: undefined }, 'RIVTABP20'),
      'VP012',
      'Server problem, VP does not have all necessary resources to operate. RIV-TA conversion RIVTABP21 to RIVTABP20 failed: no Header content to convert',
    );
  });
});
