import { expect } from 'chai';
import { request } from 'undici';
import { createLogger } from '../../src/shared/log.js';
import { MetricsRegistry, OVERFLOW_LABEL } from '../../src/shared/metrics.js';
import type { VpApi } from '../../src/vp/index.js';
import { TRAFFIC_TEXT_MAX_CHARS } from '../../src/vp/traffic-log.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const internal = { internal: HSA.consumer };
const DISTINCT_CALLS = 60;
const LONG_ADDRESS_CHARS = 200_000;

const text = async (url: string): Promise<{ status: number; body: string }> => {
  const res = await request(url);
  return { status: res.statusCode, body: await res.body.text() };
};

describe('hub memory bounds: metric labels and traffic log texts', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let producer: TestProducer;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    producer = await startProducer();
    const log = createLogger('info', {}, (line) => void lines.push(JSON.parse(line) as Record<string, unknown>));
    p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), log });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('counts calls to receivers and contracts the catalogue does not know under one unknown label', async () => {
    for (let i = 0; i < DISTINCT_CALLS; i++) {
      const body = rivCall(`SE-RANDOM-${i}-${'r'.repeat(2000)}`, { namespace: `urn:riv:x:Random${i}Responder:1` });
      expectVpFault(await callHub(p, body, internal), 'VP004');
    }
    const { status, body } = await text(`${p.adminUrl}/metrics`);
    expect(status).to.equal(200);
    const calls = body.split('\n').filter((l) => l.startsWith('ntjp_vp_calls_total{'));
    expect(calls).to.deep.equal([`ntjp_vp_calls_total{contract="unknown",receiver="unknown",outcome="vp-fault",fault_code="VP004"} ${DISTINCT_CALLS}`]);
    expect(body).to.not.include('SE-RANDOM');
  });

  it('labels a known receiver with the catalogue’s spelling, whatever case the caller used', async () => {
    expect((await callHub(p, rivCall(HSA.careUnit.toLowerCase()), internal)).status).to.equal(200);
    const { body } = await text(`${p.adminUrl}/metrics`);
    expect(body).to.include(`ntjp_vp_calls_total{contract="${CONTRACT.getSchedule}",receiver="${HSA.careUnit}",outcome="ok",fault_code=""} 1`);
    expect(body).to.include(`ntjp_vp_producer_duration_seconds_count{contract="${CONTRACT.getSchedule}"} 1`);
  });

  it(`keeps at most ${TRAFFIC_TEXT_MAX_CHARS} characters of each caller-chosen text of a call, in the log and its log line`, async () => {
    const receiver = 'A'.repeat(LONG_ADDRESS_CHARS);
    const correlationId = `long-${'c'.repeat(4000)}`;
    const headers = { 'x-skltp-correlation-id': correlationId, 'x-rivta-original-serviceconsumer-hsaid': 'O'.repeat(4000) };
    expectVpFault(await callHub(p, rivCall(receiver, { namespace: `urn:riv:${'n'.repeat(LONG_ADDRESS_CHARS)}:XResponder:1` }), internal, headers), 'VP004');
    const [entry] = p.ctx.use<VpApi>('vp').traffic.list({ limit: 1 });
    const cut = (s: string): string => `${s.slice(0, TRAFFIC_TEXT_MAX_CHARS - 1)}…`;
    expect(entry).to.include({ receiver: cut(receiver), correlationId: cut(correlationId), originalConsumer: cut('O'.repeat(4000)), outcome: 'vp-fault', faultCode: 'VP004' });
    expect(entry!.contract).to.have.length(TRAFFIC_TEXT_MAX_CHARS).and.match(/^urn:riv:n+…$/);
    const line = lines.find((l) => l['event.action'] === 'resp-out' && String(l['trace.id']).startsWith('long-'))!;
    expect(line).to.include({ 'trace.id': cut(correlationId), 'labels.receiverid': cut(receiver) });
  });

  it('keeps /metrics and a full traffic page small after calls with long addresses', async () => {
    for (let i = 0; i < 20; i++) expectVpFault(await callHub(p, rivCall(`${i}${'L'.repeat(LONG_ADDRESS_CHARS)}`), internal), 'VP004');
    const metrics = await text(`${p.adminUrl}/metrics`);
    const traffic = await text(`${p.adminUrl}/api/traffic?limit=1000`);
    expect([metrics.status, traffic.status]).to.deep.equal([200, 200]);
    expect(metrics.body.length).to.be.below(20_000);
    // about 83 calls of at most a few 256-character texts each
    expect(traffic.body.length).to.be.below(200_000);
  });
});

describe('metric series bound', () => {
  /** the sample lines of one metric, without comments */
  const samples = async (registry: MetricsRegistry, name: string): Promise<string[]> =>
    (await registry.render()).split('\n').filter((l) => l.startsWith(name));

  it('counts label combinations past the bound in one series labelled overflow', async () => {
    const registry = new MetricsRegistry(3);
    const counter = registry.counter('c_total', 'help', ['receiver']);
    for (let i = 0; i < 10; i++) counter.inc({ receiver: `R${i}` });
    counter.inc({ receiver: 'R0' });
    expect(counter.seriesCount).to.equal(4);
    expect(await samples(registry, 'c_total')).to.deep.equal(['c_total{receiver="R0"} 2', 'c_total{receiver="R1"} 1', 'c_total{receiver="R2"} 1', `c_total{receiver="${OVERFLOW_LABEL}"} 7`]);
  });

  it('bounds a histogram’s series the same way', async () => {
    const registry = new MetricsRegistry(2);
    const histogram = registry.histogram('h_seconds', 'help', ['contract'], [1]);
    for (let i = 0; i < 5; i++) histogram.observe(0.5, { contract: `C${i}` });
    expect(histogram.seriesCount).to.equal(3);
    expect(await samples(registry, 'h_seconds_count')).to.deep.equal(['h_seconds_count{contract="C0"} 1', 'h_seconds_count{contract="C1"} 1', `h_seconds_count{contract="${OVERFLOW_LABEL}"} 3`]);
  });

  it('cuts a long label value to 256 characters', async () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('c_total', 'help', ['receiver']);
    counter.inc({ receiver: 'x'.repeat(10_000) });
    expect(await samples(registry, 'c_total')).to.deep.equal([`c_total{receiver="${'x'.repeat(255)}…"} 1`]);
  });
});
