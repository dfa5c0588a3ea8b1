import { expect } from 'chai';
import type { IncomingHttpHeaders } from 'node:http';
import { buildOutHeaders } from '../../../src/vp/steps/out-headers.js';
import type { VpExchange } from '../../../src/vp/exchange.js';
import { HSA } from '../../support/soap.js';
import { route } from '../catalogue-fixtures.js';
import { fakeExchange, fakeHub, type FakeHub } from './step-fixtures.js';

const INSTANCE = 'NTJP-EMULATOR-1';
const ORIGINAL = 'SE2321000016-ORIG';
const HISTORY = `${HSA.consumer}#${INSTANCE}`;
const SERVICES = { baseUrl: 'http://127.0.0.1:7001', secret: 'platform-secret' };

/** What a consumer might send: framing, forged hub headers, proxy headers and its own. */
const CONSUMER_HEADERS: IncomingHttpHeaders = {
  host: '127.0.0.1:8080',
  'content-length': '420',
  connection: 'keep-alive',
  'accept-encoding': 'gzip',
  'content-type': 'text/xml; charset=ISO-8859-1',
  'user-agent': 'consumer/1.0',
  soapaction: 'urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1:GetSubjectOfCareSchedule',
  'x-vp-sender-id': 'SE-FORGED',
  'x-vp-instance-id': INSTANCE,
  'x-vp-auth-cert': 'a certificate',
  'x-forwarded-for': '10.0.0.1',
  'x-ntjp-platform-secret': 'guessed',
  'x-skltp-correlation-id': 'consumer-correlation-id',
  'x-rivta-routing-history': 'SE-CONSUMER#OTHER-VP',
  'x-rivta-acting-on-behalf-of-hsaid': 'SE-ACTING',
  'x-custom': ['one', 'two'],
};

function outHeaders(url: string, o: FakeHub = {}, fields: Partial<VpExchange> = {}): Record<string, string> {
  const ex = fakeExchange({ headers: CONSUMER_HEADERS, sender: HSA.consumer, originalConsumer: ORIGINAL, routingHistory: HISTORY, route: route(HSA.careUnit, url), ...fields });
  buildOutHeaders(ex, fakeHub(o));
  return ex.outHeaders!;
}

/** The consumer's headers that reach every producer. */
const PASSED = {
  soapaction: CONSUMER_HEADERS.soapaction,
  'x-rivta-acting-on-behalf-of-hsaid': 'SE-ACTING',
  'x-custom': 'one, two',
  'x-rivta-original-serviceconsumer-hsaid': ORIGINAL,
  'x-rivta-routing-history': HISTORY,
  'content-type': 'text/xml;charset=UTF-8',
};

describe('hub step: headers to the producer', () => {
  it('sends an http:// producer the consumer headers minus the strip list, with sender, instance and correlation id', () => {
    const userAgent = fakeHub().config.userAgent;
    expect(outHeaders('http://127.0.0.1:1/producer')).to.deep.equal({
      ...PASSED,
      'x-vp-sender-id': HSA.consumer,
      'x-vp-instance-id': INSTANCE,
      'x-skltp-correlation-id': 'test-correlation-id',
      'user-agent': userAgent,
    });
  });

  it('sends an https:// producer neither sender nor instance id, and the correlation id by default', () => {
    const userAgent = fakeHub().config.userAgent;
    expect(outHeaders('https://127.0.0.1:1/producer')).to.deep.equal({ ...PASSED, 'x-skltp-correlation-id': 'test-correlation-id', 'user-agent': userAgent });
  });

  it("sends an https:// producer no correlation id, not even the consumer's, when vp.propagateCorrelationIdHttps is off", () => {
    expect(outHeaders('https://127.0.0.1:1/producer', { settings: { 'vp.propagateCorrelationIdHttps': false } })).to.not.have.property('x-skltp-correlation-id');
  });

  it('sets the User-Agent from vp.userAgent', () => {
    expect(outHeaders('http://127.0.0.1:1/producer', { settings: { 'vp.userAgent': 'SKLTP VP/4.0' } })['user-agent']).to.equal('SKLTP VP/4.0');
  });

  it('strips the cert header named by vp.certHeader', () => {
    const headers = { ...CONSUMER_HEADERS, 'x-client-cert': 'a certificate' };
    expect(outHeaders('http://127.0.0.1:1/producer', { settings: { 'vp.certHeader': 'X-Client-Cert' } }, { headers })).to.not.have.property('x-client-cert');
  });

  it("passes the consumer's routing history unchanged when the loop guard left none to send (an internal call)", () => {
    expect(outHeaders('http://127.0.0.1:1/producer', {}, { routingHistory: undefined })['x-rivta-routing-history']).to.equal('SE-CONSUMER#OTHER-VP');
  });

  it("adds the platform's secret only for its own services port", () => {
    const own = outHeaders(`${SERVICES.baseUrl}/ei/find-content`, { platformServices: SERVICES });
    const other = outHeaders('http://127.0.0.1:7002/producer', { platformServices: SERVICES });
    expect([own['x-ntjp-platform-secret'], other['x-ntjp-platform-secret']]).to.deep.equal(['platform-secret', undefined]);
  });
});
