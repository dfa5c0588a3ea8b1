import { expect } from 'chai';
import { chooseProducerTimeout } from '../../../src/vp/steps/producer-timeout.js';
import { CONTRACT, HSA, rivCall } from '../../support/soap.js';
import { envelopeOf, fakeExchange, fakeHub } from './step-fixtures.js';

const timeoutFor = (namespace: string): number | undefined => {
  const ex = fakeExchange({ envelope: envelopeOf(rivCall(HSA.careUnit, { namespace })) });
  chooseProducerTimeout(ex, fakeHub({ settings: { 'vp.producerTimeoutMs': 29000 }, config: { producerTimeoutsMs: new Map([[CONTRACT.makeBooking, 5000]]) } }));
  return ex.producerTimeoutMs;
};

describe('hub step: producer timeout', () => {
  it('takes the timeout configured for the contract', () => {
    expect(timeoutFor(CONTRACT.makeBooking)).to.equal(5000);
  });

  it('takes the default for a contract without its own timeout', () => {
    expect(timeoutFor(CONTRACT.getSchedule)).to.equal(29000);
  });

  it('matches the contract case-sensitively: another spelling gets the default', () => {
    expect(timeoutFor(CONTRACT.makeBooking.replace('MakeBooking', 'makebooking'))).to.equal(29000);
  });
});
