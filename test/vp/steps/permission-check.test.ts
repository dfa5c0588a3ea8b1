import { expect } from 'chai';
import { checkSenderPermission } from '../../../src/vp/steps/permission-check.js';
import type { VpExchange } from '../../../src/vp/exchange.js';
import type { PermissionEntry } from '../../../src/tak/snapshot.js';
import { CONTRACT, HSA, rivCall } from '../../support/soap.js';
import { permission } from '../catalogue-fixtures.js';
import { envelopeOf, expectFault, fakeExchange, fakeHub, type FakeHub } from './step-fixtures.js';

const PARENT = 'SE2321000016-PARENT';
const missing = (receiver: string, sender: string = HSA.consumer): string => `Authorization missing for serviceNamespace: ${CONTRACT.getSchedule}, receiverId: ${receiver}, senderId: ${sender}`;

const callTo = (receiver: string, sender: string = HSA.consumer): VpExchange => fakeExchange({ sender, envelope: envelopeOf(rivCall(receiver)) });

function check(ex: VpExchange, permissions: PermissionEntry[], o: FakeHub = {}): VpExchange {
  checkSenderPermission(ex, fakeHub({ catalogue: { permissions, hsaUnits: [{ hsaId: HSA.careUnit, parent: PARENT }, { hsaId: PARENT, parent: 'SE' }] }, ...o }));
  return ex;
}

describe('hub step: permission check (anropsbehörighet)', () => {
  it('lets a sender with a valid permission for the receiver and contract through, and traces the address', () => {
    expect(check(callTo(HSA.careUnit), [permission(HSA.careUnit)]).permissionTrace).to.equal(HSA.careUnit);
  });

  it('matches sender and receiver without case', () => {
    expect(check(callTo(HSA.careUnit.toLowerCase(), HSA.consumer.toLowerCase()), [permission(HSA.careUnit)]).permissionTrace).to.equal(HSA.careUnit.toLowerCase());
  });

  it('refuses a sender without a permission with VP007 naming contract, receiver and sender', async () => {
    await expectFault(() => check(callTo(HSA.careUnit, HSA.otherConsumer), [permission(HSA.careUnit)]), 'VP007', missing(HSA.careUnit, HSA.otherConsumer));
  });

  it('refuses a permission outside its validity on the day of the call with VP007', async () => {
    await expectFault(() => check(callTo(HSA.careUnit), [permission(HSA.careUnit, HSA.consumer, { to: '2026-05-31' })]), 'VP007', missing(HSA.careUnit));
  });

  it('refuses a call before the first catalogue has arrived with VP008', async () => {
    await expectFault(() => checkSenderPermission(callTo(HSA.careUnit), fakeHub()), 'VP008', 'No contact with TAK at startup, and no local cache to fallback on, not possible to route call');
  });

  it('takes a permission for every receiver (*) before climbing', () => {
    expect(check(callTo(HSA.careUnit), [permission('*'), permission(PARENT)]).permissionTrace).to.equal(`${HSA.careUnit},(default),*`);
  });

  it("takes a permission at the receiver's HSA parent", () => {
    expect(check(callTo(HSA.careUnit), [permission(PARENT)]).permissionTrace).to.equal(`${HSA.careUnit},(default),*,(parent),${PARENT}`);
  });

  it('does not climb when vp.hsaLookupPermissions is off', async () => {
    const ex = callTo(HSA.careUnit);
    await expectFault(() => check(ex, [permission(PARENT)], { settings: { 'vp.hsaLookupPermissions': false } }), 'VP007', missing(HSA.careUnit));
    expect(ex.permissionTrace).to.equal(`${HSA.careUnit},(default),*`);
  });

  describe('old-style default routing (VG#VE)', () => {
    const receiver = `${PARENT}#${HSA.careUnit}`;

    it('tries the parts left to right', () => {
      expect(check(callTo(receiver), [permission(HSA.careUnit)]).permissionTrace).to.equal(`${PARENT},${HSA.careUnit}`);
    });

    it('refuses an address of more than two parts with VP007', async () => {
      const three = `${receiver}#SE-THIRD`;
      await expectFault(() => check(callTo(three), [permission(HSA.careUnit)]), 'VP007', missing(three));
    });

    it('refuses a contract not in vp.defaultRoutingAllowedContracts with VP007', async () => {
      await expectFault(() => check(callTo(receiver), [permission(HSA.careUnit)], { settings: { 'vp.defaultRoutingAllowedContracts': [CONTRACT.makeBooking] } }), 'VP007', missing(receiver));
    });

    it('refuses a sender not in vp.defaultRoutingAllowedSenders with VP007', async () => {
      await expectFault(() => check(callTo(receiver), [permission(HSA.careUnit)], { settings: { 'vp.defaultRoutingAllowedSenders': [HSA.otherConsumer] } }), 'VP007', missing(receiver));
    });

    it('lets an allowed sender and contract through, compared without case', () => {
      const settings = { 'vp.defaultRoutingAllowedSenders': [HSA.consumer.toUpperCase()], 'vp.defaultRoutingAllowedContracts': [CONTRACT.getSchedule.toUpperCase()] };
      expect(check(callTo(receiver), [permission(HSA.careUnit)], { settings }).permissionTrace).to.equal(`${PARENT},${HSA.careUnit}`);
    });
  });
});
