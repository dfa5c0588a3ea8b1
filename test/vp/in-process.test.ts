import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, producerFault, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { HEADER, SOAP_CONTENT_TYPE } from '../../src/shared/soap/namespaces.js';
import { VP_FAULTS, type TrafficEntry, type VpApi } from '../../src/vp/index.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';
import { freePort } from '../support/free-port.js';

/** What a consumer can see of an answer, and what the traffic log and metrics keep of the call. */
interface Seen {
  status: number;
  correlationHeader: unknown;
  fault: { code: string; string: string; detail?: string } | undefined;
  body: string;
  entry: Partial<TrafficEntry>;
  /** the calls_total series the call added to, with how much */
  counted: Record<string, number>;
}

/** Traffic entry fields that do not depend on timing. */
const ENTRY_FIELDS = ['listener', 'path', 'sender', 'originalConsumer', 'receiver', 'contract', 'rivProfile', 'outcome', 'faultCode', 'reason', 'httpStatus', 'producerUrl', 'routeTrace', 'permissionTrace'] as const;

/** Producer request headers the two paths set differently by nature (the HTTP listener's own framing). */
const FRAMING = new Set(['host', 'connection', 'content-length']);


describe('hub calls handed over in-process', function () {
  let p: TestPlatform;
  let vp: VpApi;
  let producer: TestProducer;
  let faulty: TestProducer;
  let hanging: TestProducer;
  let timeoutsDir = '';

  before(async () => {
    producer = await startProducer(() => ({ body: rivAnswer(undefined, '<from>main</from>') }));
    faulty = await startProducer(() => ({ status: 500, body: producerFault('Producer says no') }));
    hanging = await startProducer(() => undefined);
    timeoutsDir = mkdtempSync(join(tmpdir(), 'ntjp-vp-in-process-'));
    const timeouts = join(timeoutsDir, 'timeoutconfig.json');
    writeFileSync(timeouts, JSON.stringify([{ tjanstekontrakt: 'default_timeouts', producertimeout: 60000 }, { tjanstekontrakt: CONTRACT.makeBooking, producertimeout: 300 }]));
    const dead = `http://127.0.0.1:${await freePort()}/gone`;
    p = await startTestPlatform({
      catalogue: snapshot(
        [route(HSA.careUnit, producer.url), route('FAULT', faulty.url), route('DEAD', dead), route('HANG', hanging.url, { namespace: CONTRACT.makeBooking })],
        [permission(HSA.careUnit), permission('FAULT'), permission('DEAD'), permission('HANG', HSA.consumer, { namespace: CONTRACT.makeBooking })],
      ),
      settings: { 'vp.timeoutConfig': timeouts, 'vp.retryDelayMs': 50 },
    });
    vp = p.ctx.use<VpApi>('vp');
  });
  after(async () => {
    await p?.close();
    await Promise.all([producer, faulty, hanging].map((t) => t?.close()));
    if (timeoutsDir) rmSync(timeoutsDir, { recursive: true, force: true });
  });

  async function countedSeries(): Promise<Map<string, number>> {
    const text = await p.ctx.metrics.render();
    const series = new Map<string, number>();
    for (const line of text.split('\n')) if (line.startsWith('ntjp_vp_calls_total{')) series.set(line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1)));
    return series;
  }

  /** Makes one call and reads back what it left; `send` returns status, headers and body. */
  async function observe(correlationId: string, send: () => Promise<{ status: number; headers: Record<string, unknown>; body: string }>): Promise<Seen> {
    const before = await countedSeries();
    const answer = await send();
    const after = await countedSeries();
    const counted: Record<string, number> = {};
    for (const [series, value] of after) if (value !== (before.get(series) ?? 0)) counted[series] = value - (before.get(series) ?? 0);
    const [entry] = vp.traffic.list({ correlationId, limit: 1 });
    const fault = parseEnvelope(answer.body).fault;
    return {
      status: answer.status,
      correlationHeader: answer.headers[HEADER.correlationId],
      fault: fault && { code: fault.code, string: fault.string, detail: fault.detail },
      body: answer.body,
      entry: Object.fromEntries(ENTRY_FIELDS.map((f) => [f, entry?.[f]])),
      counted,
    };
  }

  /** The same call as an internal caller on the HTTP listener, then handed over in-process. */
  async function bothWays(name: string, body: string, sender: string, extra: Record<string, string> = {}): Promise<{ listener: Seen; inProcess: Seen }> {
    const headers = { [HEADER.originalConsumer]: sender, ...extra };
    const listener = await observe(`${name}-listener`, () => callHub(p, body, { internal: sender }, { ...headers, [HEADER.correlationId]: `${name}-listener` }));
    const inProcess = await observe(`${name}-in-process`, async () => {
      const answer = await vp.dispatch({
        body,
        headers: { 'content-type': SOAP_CONTENT_TYPE, [HEADER.senderId]: sender, [HEADER.instanceId]: p.ctx.instanceId, ...headers, [HEADER.correlationId]: `${name}-in-process` },
      });
      return { status: answer.status, headers: answer.headers, body: answer.body.toString('utf8') };
    });
    expect(listener.correlationHeader).to.equal(`${name}-listener`);
    expect(inProcess.correlationHeader).to.equal(`${name}-in-process`);
    expect(inProcess.entry).to.deep.equal(listener.entry);
    expect(inProcess.counted).to.deep.equal(listener.counted);
    expect(inProcess.status).to.equal(listener.status);
    expect(inProcess.fault).to.deep.equal(listener.fault);
    return { listener, inProcess };
  }

  it('routes a call to its producer with the same headers, answer, traffic entry and metrics as the HTTP listener', async () => {
    const before = producer.calls.length;
    const history = 'SE2321000016-EARLIER#another-instance';
    const { inProcess } = await bothWays('routed', rivCall(HSA.careUnit), HSA.consumer, { [HEADER.routingHistory]: history });
    expect(inProcess.status).to.equal(200);
    expect(inProcess.body).to.include('<from>main</from>');
    expect(inProcess.entry).to.include({ listener: 'http', path: '/vp', sender: HSA.consumer, receiver: HSA.careUnit, outcome: 'ok', httpStatus: 200, producerUrl: producer.url });
    expect(Object.values(inProcess.counted)).to.deep.equal([1]);
    const [viaListener, viaInProcess] = producer.calls.slice(before).map((c) => {
      const kept = Object.entries(c.headers).filter(([name]) => !FRAMING.has(name) && name !== HEADER.correlationId);
      return Object.fromEntries(kept);
    });
    expect(viaInProcess).to.deep.equal(viaListener);
    expect(viaInProcess).to.include({ [HEADER.senderId]: HSA.consumer, [HEADER.instanceId]: p.ctx.instanceId, [HEADER.routingHistory]: history, [HEADER.originalConsumer]: HSA.consumer });
  });

  it('gives VP004 for an unknown logical address, as the HTTP listener does', async () => {
    const { inProcess } = await bothWays('unknown', rivCall(HSA.unknownUnit), HSA.consumer);
    expect(inProcess.fault!.string).to.equal(`VP004 [NTJP-EMULATOR] ${VP_FAULTS.VP004.text}`);
    expect(inProcess.fault!.detail).to.equal(`No receiverId (logical address) found for serviceNamespace: ${CONTRACT.getSchedule}, receiverId: ${HSA.unknownUnit}`);
    expect(inProcess.entry).to.include({ outcome: 'vp-fault', faultCode: 'VP004', receiver: HSA.unknownUnit });
  });

  it('gives VP007 for a sender without permission, as the HTTP listener does', async () => {
    const { inProcess } = await bothWays('denied', rivCall(HSA.careUnit), HSA.otherConsumer);
    expect(inProcess.entry).to.include({ outcome: 'vp-fault', faultCode: 'VP007', sender: HSA.otherConsumer });
  });

  it('gives VP009 for a producer that refuses connections, as the HTTP listener does', async () => {
    const { inProcess } = await bothWays('dead', rivCall('DEAD'), HSA.consumer);
    expect(inProcess.entry).to.include({ outcome: 'vp-fault', faultCode: 'VP009' });
  });

  it('gives VP009 on the producer read timeout, as the HTTP listener does', async () => {
    const { inProcess } = await bothWays('timeout', rivCall('HANG', { namespace: CONTRACT.makeBooking }), HSA.consumer);
    expect(inProcess.fault!.detail).to.include('Timeout when waiting on response from producer.');
    expect(inProcess.entry).to.include({ outcome: 'vp-fault', faultCode: 'VP009' });
  });

  it('passes a producer SOAP fault through, as the HTTP listener does', async () => {
    const { inProcess } = await bothWays('fault', rivCall('FAULT'), HSA.consumer);
    expect(inProcess.fault!.string).to.equal('Producer says no');
    expect(inProcess.entry).to.include({ outcome: 'producer-fault', httpStatus: 500 });
  });

  it('refuses a sender header that names another instance with VP002', async () => {
    const answer = await vp.dispatch({ body: rivCall(HSA.careUnit), headers: { [HEADER.senderId]: HSA.consumer, [HEADER.instanceId]: 'someone-else' } });
    const text = answer.body.toString('utf8');
    expectVpFault({ status: answer.status, headers: { 'content-type': String(answer.headers['content-type']), 'x-skltp-correlation-id': String(answer.headers[HEADER.correlationId]) }, body: text, envelope: parseEnvelope(text) }, 'VP002');
  });

  it('rejects with the signal reason when the caller aborts while the producer is still working', async () => {
    const controller = new AbortController();
    const pending = vp.dispatch({
      body: rivCall('HANG', { namespace: CONTRACT.makeBooking }),
      headers: { [HEADER.senderId]: HSA.consumer, [HEADER.instanceId]: p.ctx.instanceId, [HEADER.correlationId]: 'aborted-in-process' },
      signal: controller.signal,
    });
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);
    const outcome = await pending.then(
      () => 'answered',
      (e: unknown) => e,
    );
    expect(outcome).to.equal(reason);
  });
});
