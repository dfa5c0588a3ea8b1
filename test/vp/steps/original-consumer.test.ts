import { expect } from 'chai';
import { checkOriginalConsumer } from '../../../src/vp/steps/original-consumer.js';
import type { VpExchange } from '../../../src/vp/exchange.js';
import { HSA } from '../../support/soap.js';
import { expectFault, fakeExchange, fakeHub, recordingLogger, type FakeHub } from './step-fixtures.js';

const GIVEN = 'SE2321000016-ORIG';
const ALLOW_OTHER = { 'vp.originalConsumerAllowList': [HSA.otherConsumer] };

function call(header: string | string[] | undefined, o: { internal?: boolean } = {}): VpExchange {
  return fakeExchange({ sender: HSA.consumer, internal: o.internal ?? false, headers: header === undefined ? {} : { 'x-rivta-original-serviceconsumer-hsaid': header } });
}

function check(ex: VpExchange, o: FakeHub = {}): string | undefined {
  checkOriginalConsumer(ex, fakeHub(o));
  return ex.originalConsumer;
}

describe('hub step: original consumer', () => {
  it('makes the sender the original consumer when the header is absent', () => {
    expect(check(call(undefined))).to.equal(HSA.consumer);
  });

  it('makes the sender the original consumer when the header is empty', () => {
    expect(check(call(''))).to.equal(HSA.consumer);
  });

  it('passes the header on when the allow list is empty (everyone may set it)', () => {
    expect(check(call(GIVEN))).to.equal(GIVEN);
  });

  it('takes the first of repeated headers', () => {
    expect(check(call([GIVEN, 'SE-SECOND']))).to.equal(GIVEN);
  });

  it('passes the header on from a sender on the allow list, compared without case', () => {
    expect(check(call(GIVEN), { settings: { 'vp.originalConsumerAllowList': [HSA.consumer.toLowerCase()] } })).to.equal(GIVEN);
  });

  it('refuses the header from a sender off the allow list with VP013', async () => {
    await expectFault(() => check(call(GIVEN), { settings: ALLOW_OTHER }), 'VP013', 'Sender is not approved to set header x-rivta-original-serviceconsumer-hsaid.');
  });

  it('only warns, and passes the header on, when vp.throwVp013 is off', () => {
    const { log, lines } = recordingLogger();
    expect(check(call(GIVEN), { settings: { ...ALLOW_OTHER, 'vp.throwVp013': false }, log })).to.equal(GIVEN);
    expect(lines.map((l) => [l['log.level'], l.message, l['trace.id'], l['labels.senderid']])).to.deep.equal([
      ['warn', 'sender is not approved to set x-rivta-original-serviceconsumer-hsaid', 'test-correlation-id', HSA.consumer],
    ]);
  });

  it('does not check an internal call (EI, AgP) against the allow list', () => {
    expect(check(call(GIVEN, { internal: true }), { settings: ALLOW_OTHER })).to.equal(GIVEN);
  });
});
