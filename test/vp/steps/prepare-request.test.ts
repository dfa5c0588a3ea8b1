import { expect } from 'chai';
import { prepareRequest } from '../../../src/vp/steps/prepare-request.js';
import { ContractRefusal, type ContractHooks, type TrafficDirection, type ValidationMode } from '../../../src/vp/contract-hooks.js';
import type { VpExchange } from '../../../src/vp/exchange.js';
import { BodyCapture } from '../../../src/vp/traffic-log.js';
import { CONTRACT, HSA, rivCall } from '../../support/soap.js';
import { envelopeOf, expectFault, fakeExchange, fakeHub, requestStream } from './step-fixtures.js';

const CALL = rivCall(HSA.careUnit, { namespace: CONTRACT.makeBooking });
/** Where the envelope reader stops in CALL: inside the payload. */
const CUT = CALL.indexOf('<healthcare_facility>');
const BAD_REST = CALL.slice(CUT).replace('x</healthcare_facility>', 'BAD</healthcare_facility>');

/** An exchange whose envelope reader read CALL up to CUT; the rest (or `rest`) is still to come from the consumer. */
function streamingCall(o: { capture?: VpExchange['capture']; rest?: string } = {}): VpExchange {
  const whole = envelopeOf(CALL);
  const prefix = whole.bytes.subarray(0, CUT);
  const envelope = { ...whole, bytes: prefix, text: CALL.slice(0, CUT), rawLength: CUT, complete: false };
  return fakeExchange({ envelope, outPrefix: prefix, req: requestStream([o.rest ?? CALL.slice(CUT)]), capture: o.capture });
}

async function sent(ex: VpExchange): Promise<string> {
  const body = ex.requestBody!;
  const whole = body.whole();
  if (whole) return whole.toString();
  const chunks: Buffer[] = [];
  for await (const c of body.attempt()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

interface Checked {
  namespace: string;
  direction: TrafficDirection;
  xml: string;
}

/** Hooks with one rule per direction; every message checked is kept, and found wanting when it holds `bad`. */
function hooks(request: ValidationMode, response: ValidationMode, bad = 'BAD'): ContractHooks & { checked: Checked[] } {
  const checked: Checked[] = [];
  return {
    checked,
    serveWsdlRequest: () => undefined,
    validationModes: () => ({ request, response }),
    validateTraffic: async (namespace, direction, xml) => {
      checked.push({ namespace, direction, xml });
      return xml.includes(bad) ? [{ message: `${direction} holds ${bad}` }] : [];
    },
    validationFault: (direction, namespace, violations) => ({ code: `REFUSED-${direction}`, body: `<fault>${namespace}: ${violations[0]!.message}</fault>` }),
  };
}

async function refusal(run: () => unknown): Promise<{ code: string; body: string }> {
  try {
    await run();
  } catch (e) {
    expect(e).to.be.instanceOf(ContractRefusal);
    return { code: (e as ContractRefusal).code, body: (e as ContractRefusal).body };
  }
  throw new Error('expected a refusal');
}

describe('hub step: prepare request', () => {
  it('streams the call of a contract without hooks at once: the out prefix, then the rest of the request', async () => {
    const ex = streamingCall();
    expect(prepareRequest(ex, fakeHub())).to.equal(undefined);
    expect(ex.answerCheck).to.equal(undefined);
    expect(ex.requestBody!.whole()).to.equal(undefined);
    expect(await sent(ex)).to.equal(CALL);
  });

  it('sends a request read whole with its envelope as the one out prefix', async () => {
    const envelope = envelopeOf(CALL);
    const ex = fakeExchange({ envelope, outPrefix: envelope.bytes });
    prepareRequest(ex, fakeHub());
    expect(ex.requestBody!.whole()).to.equal(envelope.bytes);
  });

  it('streams a contract whose rules are off in both directions without validating it', async () => {
    const contracts = hooks('off', 'off');
    const ex = streamingCall();
    expect(prepareRequest(ex, fakeHub({ contracts }))).to.equal(undefined);
    expect([ex.answerCheck, await sent(ex), contracts.checked]).to.deep.equal([undefined, CALL, []]);
  });

  it('lets the capture see the request bytes as they are sent', async () => {
    const capture = { request: new BodyCapture(), response: new BodyCapture() };
    const ex = streamingCall({ capture });
    prepareRequest(ex, fakeHub());
    await sent(ex);
    expect([capture.request.text(), capture.response.text()]).to.deep.equal([CALL, '']);
  });

  it('reads a request with a request rule whole, validates it, and sends it from the buffer', async () => {
    const contracts = hooks('report', 'off');
    const ex = streamingCall();
    await prepareRequest(ex, fakeHub({ contracts }));
    expect(contracts.checked).to.deep.equal([{ namespace: CONTRACT.makeBooking, direction: 'request', xml: CALL }]);
    expect(ex.requestBody!.whole()!.toString()).to.equal(CALL);
    expect(ex.answerCheck).to.equal(undefined);
  });

  it('keeps the violations of a reported request on the exchange and sends it on', async () => {
    const ex = streamingCall({ rest: BAD_REST });
    await prepareRequest(ex, fakeHub({ contracts: hooks('report', 'off') }));
    expect(ex.violations).to.deep.equal([{ direction: 'request', message: 'request holds BAD' }]);
    expect(ex.requestBody!.whole()!.toString()).to.include('BAD');
  });

  it('refuses a request that strict validation finds wanting, with the hooks fault', async () => {
    const ex = streamingCall({ rest: BAD_REST });
    expect(await refusal(() => prepareRequest(ex, fakeHub({ contracts: hooks('strict', 'off') })))).to.deep.equal({
      code: 'REFUSED-request',
      body: `<fault>${CONTRACT.makeBooking}: request holds BAD</fault>`,
    });
  });

  it('gives VP015 when a request read whole for validation grows past the body limit', async () => {
    const ex = streamingCall();
    const hub = fakeHub({ contracts: hooks('report', 'off'), config: { maxBodyBytes: CUT + 10 } });
    await expectFault(() => prepareRequest(ex, hub), 'VP015', `The request could not be read properly. Request body is larger than the limit of ${CUT + 10} bytes`);
  });

  it('gives a contract with a response rule the check its answer must pass, and streams its request', async () => {
    const contracts = hooks('off', 'strict');
    const ex = streamingCall();
    expect(prepareRequest(ex, fakeHub({ contracts }))).to.equal(undefined);
    expect(await sent(ex)).to.equal(CALL);
    await ex.answerCheck!(Buffer.from('<answer/>'));
    expect(await refusal(() => ex.answerCheck!(Buffer.from('<answer>BAD</answer>')))).to.deep.equal({
      code: 'REFUSED-response',
      body: `<fault>${CONTRACT.makeBooking}: response holds BAD</fault>`,
    });
    expect(contracts.checked.map((c) => [c.direction, c.xml])).to.deep.equal([['response', '<answer/>'], ['response', '<answer>BAD</answer>']]);
  });
});
