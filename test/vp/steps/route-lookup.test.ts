import { expect } from 'chai';
import { lookUpRoute } from '../../../src/vp/steps/route-lookup.js';
import type { VpExchange } from '../../../src/vp/exchange.js';
import type { RouteEntry } from '../../../src/tak/snapshot.js';
import { CONTRACT, HSA, rivCall } from '../../support/soap.js';
import { route } from '../catalogue-fixtures.js';
import { PLATFORM_SERVICES_ORIGIN } from '../../../src/platform/soap-server.js';
import { envelopeOf, expectFault, fakeExchange, fakeHub, type FakeHub } from './step-fixtures.js';

const PRODUCER = 'http://127.0.0.1:1/producer';
const PARENT = 'SE2321000016-PARENT';
const NOT_FOUND = 'No receiverId (logical address) found for ';
const summaryOf = (receiver: string): string => `serviceNamespace: ${CONTRACT.getSchedule}, receiverId: ${receiver}`;

const callTo = (receiver: string): VpExchange => fakeExchange({ sender: HSA.consumer, envelope: envelopeOf(rivCall(receiver)) });

function lookUp(ex: VpExchange, routes: RouteEntry[], o: FakeHub = {}): VpExchange {
  lookUpRoute(ex, fakeHub({ catalogue: { routes, hsaUnits: [{ hsaId: HSA.careUnit, parent: PARENT }, { hsaId: PARENT, parent: 'SE' }] }, ...o }));
  return ex;
}

describe('hub step: route lookup (vägval)', () => {
  it('finds the one valid route of the receiver and contract, and traces the address tried', () => {
    const r = route(HSA.careUnit, PRODUCER);
    const ex = lookUp(callTo(HSA.careUnit), [r, route(HSA.otherConsumer, PRODUCER)]);
    expect({ route: ex.route, trace: ex.routeTrace }).to.deep.equal({ route: r, trace: HSA.careUnit });
  });

  it('matches the receiver without case', () => {
    const r = route(HSA.careUnit, PRODUCER);
    expect(lookUp(callTo(HSA.careUnit.toLowerCase()), [r]).route).to.equal(r);
  });

  it('refuses a call before the first catalogue has arrived with VP008', async () => {
    await expectFault(() => lookUpRoute(callTo(HSA.careUnit), fakeHub()), 'VP008', 'No contact with TAK at startup, and no local cache to fallback on, not possible to route call');
  });

  it('refuses a request without a logical address with VP003', async () => {
    const ex = fakeExchange({ envelope: { ...envelopeOf(rivCall(HSA.careUnit)), logicalAddress: undefined } });
    await expectFault(() => lookUp(ex, []), 'VP003', 'No receiverId (logical address) found in message header. ');
  });

  it('refuses a receiver without a route with VP004 naming contract and receiver, after the climb and the default', async () => {
    const ex = callTo(HSA.unknownUnit);
    await expectFault(() => lookUp(ex, [route(HSA.careUnit, PRODUCER)]), 'VP004', NOT_FOUND + summaryOf(HSA.unknownUnit));
    expect(ex.routeTrace).to.equal(`${HSA.unknownUnit},(parent),SE,(default),*`);
  });

  it('adds a warning to VP004 when the receiver holds whitespace', async () => {
    const receiver = ` ${HSA.careUnit}`;
    await expectFault(() => lookUp(callTo(receiver), [route(HSA.careUnit, PRODUCER)]), 'VP004', `${NOT_FOUND}${summaryOf(receiver)}. Whitespace detected in incoming request!`);
  });

  it('refuses a route outside its validity on the day of the call with VP004', async () => {
    await expectFault(() => lookUp(callTo(HSA.careUnit), [route(HSA.careUnit, PRODUCER, { from: '2000-01-01', to: '2026-05-31' })]), 'VP004', NOT_FOUND + summaryOf(HSA.careUnit));
  });

  it('takes a route valid on its last day (validity includes both ends)', () => {
    const r = route(HSA.careUnit, PRODUCER, { from: '2026-06-01', to: '2026-06-01' });
    expect(lookUp(callTo(HSA.careUnit), [r]).route).to.equal(r);
  });

  it('refuses two valid routes, even if only their profiles differ, with VP006', async () => {
    const routes = [route(HSA.careUnit, PRODUCER), route(HSA.careUnit, PRODUCER, { profile: 'RIVTABP20' })];
    await expectFault(() => lookUp(callTo(HSA.careUnit), routes), 'VP006', `More than one receiverId (logical address) with matching Riv-version found for ${summaryOf(HSA.careUnit)}`);
  });

  it('refuses a route without a URL with VP010', async () => {
    await expectFault(() => lookUp(callTo(HSA.careUnit), [route(HSA.careUnit, '')]), 'VP010', `Physical Address field is empty in Service Producer for ${summaryOf(HSA.careUnit)}`);
  });

  it("calls a route to the built-in producers' origin on this instance's own services port", () => {
    const platformServices = { baseUrl: 'http://127.0.0.1:8091', secret: 'per-start' };
    const r = route(HSA.careUnit, `${PLATFORM_SERVICES_ORIGIN}/ei/update`);
    expect(lookUp(callTo(HSA.careUnit), [r], { platformServices }).route).to.deep.equal({ ...r, url: 'http://127.0.0.1:8091/ei/update' });
  });

  it("leaves a route elsewhere as the catalogue has it, even one that only starts with the origin's text", () => {
    const platformServices = { baseUrl: 'http://127.0.0.1:8091', secret: 'per-start' };
    const r = route(HSA.careUnit, `${PLATFORM_SERVICES_ORIGIN}.example/ei/update`);
    expect(lookUp(callTo(HSA.careUnit), [r], { platformServices }).route).to.equal(r);
  });

  describe('HSA climb', () => {
    it("takes the route of the receiver's nearest HSA parent when it has none of its own", () => {
      const r = route(PARENT, PRODUCER);
      const ex = lookUp(callTo(HSA.careUnit), [r]);
      expect({ route: ex.route, trace: ex.routeTrace }).to.deep.equal({ route: r, trace: `${HSA.careUnit},(parent),${PARENT}` });
    });

    it('does not climb when vp.hsaLookupRoutes is off', async () => {
      await expectFault(() => lookUp(callTo(HSA.careUnit), [route(PARENT, PRODUCER)], { settings: { 'vp.hsaLookupRoutes': false } }), 'VP004', NOT_FOUND + summaryOf(HSA.careUnit));
    });

    it('does not climb for a contract excepted by vp.hsaLookupRoutesExcept', async () => {
      const settings = { 'vp.hsaLookupRoutesExcept': ['urn:riv:crm:scheduling:'] };
      await expectFault(() => lookUp(callTo(HSA.careUnit), [route(PARENT, PRODUCER)], { settings }), 'VP004', NOT_FOUND + summaryOf(HSA.careUnit));
    });

    it('falls back to the default route * after the climb', () => {
      const r = route('*', PRODUCER);
      const ex = lookUp(callTo(HSA.careUnit), [r]);
      expect({ route: ex.route, trace: ex.routeTrace }).to.deep.equal({ route: r, trace: `${HSA.careUnit},(parent),${PARENT},SE,(default),*` });
    });
  });

  describe('old-style default routing (VG#VE)', () => {
    it('tries the parts right to left and takes the first with a route', () => {
      const r = route(HSA.careUnit, PRODUCER);
      const ex = lookUp(callTo(`${HSA.careUnit}#${HSA.unknownUnit}`), [r]);
      expect({ route: ex.route, trace: ex.routeTrace }).to.deep.equal({ route: r, trace: `(leaf),${HSA.unknownUnit},${HSA.careUnit}` });
    });

    it('neither climbs nor falls back to * for such an address', async () => {
      const ex = callTo(`${HSA.unknownUnit}#${HSA.careUnit}-X`);
      await expectFault(() => lookUp(ex, [route(PARENT, PRODUCER), route('*', PRODUCER)]), 'VP004', NOT_FOUND + summaryOf(`${HSA.unknownUnit}#${HSA.careUnit}-X`));
      expect(ex.routeTrace).to.equal(`(leaf),${HSA.careUnit}-X,${HSA.unknownUnit}`);
    });

    it('reads the address as one receiver when vp.defaultRoutingDelimiter is empty', async () => {
      const receiver = `${HSA.careUnit}#${HSA.unknownUnit}`;
      const ex = callTo(receiver);
      await expectFault(() => lookUp(ex, [route(HSA.careUnit, PRODUCER)], { settings: { 'vp.defaultRoutingDelimiter': '' } }), 'VP004', NOT_FOUND + summaryOf(receiver));
      expect(ex.routeTrace).to.equal(`${receiver},(parent),SE,(default),*`);
    });
  });
});
