import { expect } from 'chai';
import { request } from 'undici';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import type { VpApi } from '../../src/vp/index.js';
import { startAgpPlatform, CONSUMER, type AgpPlatform } from '../agp/platform.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { createLogger } from '../../src/shared/log.js';
import { RESTARTS_MAX, RESTART_WINDOW_MS } from '../../src/vp/workers/worker-pool.js';
import { startProducer as startRecordsProducer, type Producer } from '../agp/producers.js';
import { aggregated, careDocumentation3HasMore, careDocumentation3Request, DESCRIPTION_DOMAIN, GCD3_NS } from '../agp/fixtures.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { parsePrometheusText } from '../support/prometheus-text.js';
import { permission, route } from './catalogue-fixtures.js';
import { callHubOnNewConnection, newestSeq, trafficAfter } from './hub-calls.js';
import { children, childText } from '../../src/shared/xml/tree.js';

interface WorkerStatus {
  configured: number;
  up: number;
  restarts: number;
  list: Array<{ id: number; pid: number; listening: boolean; catalogueVersion?: number }>;
}

const SOURCE = 'SE2321000016-JOUR-W';

describe('hub workers: platform.workers = 2', function () {
  this.timeout(60_000);
  let agp: AgpPlatform;
  let producerA: TestProducer;
  let producerB: TestProducer;
  let journal: Producer;
  let version = 1;

  /** Publishes the current catalogue with the hub routes given, and waits for every worker to route with it. */
  async function publish(hubRoutes: CatalogueSnapshot['routes']): Promise<void> {
    const current = agp.test.ctx.catalogue.current()!;
    const kept = current.routes.filter((r) => r.logicalAddress !== HSA.careUnit);
    const permissions = current.permissions.filter((p) => p.logicalAddress !== HSA.careUnit);
    version = Math.max(version, current.version) + 1;
    await agp.test.ctx.catalogue.set({ ...current, version, routes: [...kept, ...hubRoutes], permissions: [...permissions, permission(HSA.careUnit)] });
  }

  async function status(): Promise<{ vp: { workers: WorkerStatus; catalogueVersion?: number } }> {
    const res = await request(`${agp.test.adminUrl}/status`);
    return (await res.body.json()) as { vp: { workers: WorkerStatus; catalogueVersion?: number } };
  }

  const freshCall = (listener: 'https' | 'http'): Promise<SoapAnswer> =>
    callHubOnNewConnection(agp.test, rivCall(HSA.careUnit), listener === 'https' ? { mtls: HSA.consumer } : { internal: HSA.consumer });

  before(async () => {
    producerA = await startProducer(() => ({ body: rivAnswer(undefined, '<answer>A</answer>') }));
    producerB = await startProducer(() => ({ body: rivAnswer(undefined, '<answer>B</answer>') }));
    agp = await startAgpPlatform({ 'platform.workers': '2' });
    journal = await startRecordsProducer({ kind: 'records', body: careDocumentation3HasMore(SOURCE) });
    agp.route(SOURCE, GCD3_NS, journal.url);
    agp.permit(CONSUMER, SOURCE, GCD3_NS);
    await publish([route(HSA.careUnit, producerA.url)]);
  });
  after(async () => {
    await agp?.close();
    await Promise.all([producerA?.close(), producerB?.close(), journal?.close()]);
  });

  it('answers routed calls over mutual TLS and over HTTP', async () => {
    for (const listener of ['https', 'http'] as const) {
      const res = await freshCall(listener);
      expect(res.status, `${listener}: ${res.body}`).to.equal(200);
      expect(res.body).to.include('<answer>A</answer>');
    }
  });

  it("answers an aggregated call: a worker routes it, the main process's hub runtime its in-process source calls", async () => {
    await agp.engage([{ logicalAddress: SOURCE, serviceDomain: DESCRIPTION_DOMAIN, categorization: 'voo' }]);
    const traffic = agp.test.ctx.use<VpApi>('vp').traffic;
    const mark = newestSeq(traffic);
    const { payload, status: sources } = aggregated(await agp.call(careDocumentation3Request()));
    const [sourceCall] = await trafficAfter(traffic, mark, { receiver: SOURCE }, 1);
    expect(sourceCall).to.include({ outcome: 'ok' });
    expect(sourceCall!.worker).to.equal(undefined);
    const consumerCalls = await trafficAfter(traffic, mark, { sender: CONSUMER, contract: GCD3_NS }, 2);
    expect(consumerCalls.map((e) => [e.receiver === SOURCE ? 'source call' : 'consumer call', typeof e.worker]).sort()).to.deep.equal([
      ['consumer call', 'number'],
      ['source call', 'undefined'],
    ]);
    expect(children(payload, 'hasMore').map((h) => childText(h, 'reference'))).to.deep.equal([`page-2-of-${SOURCE}`]);
    expect(sources.map((s) => [s.logicalAddress, s.statusCode])).to.deep.equal([[SOURCE, 'DataFromSource']]);
  });

  it('says in /status that 2 workers are configured and up, both routing with the newest catalogue', async () => {
    const { vp } = await status();
    expect(vp.workers).to.include({ configured: 2, up: 2 });
    expect(vp.workers.list.map((w) => w.catalogueVersion)).to.deep.equal([version, version]);
    expect(vp.catalogueVersion).to.equal(version);
  });

  it('keeps the calls of both workers in the one traffic log, each entry naming its worker, and counts them all in /metrics', async () => {
    const traffic = agp.test.ctx.use<VpApi>('vp').traffic;
    const mark = newestSeq(traffic);
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await freshCall(i % 2 === 0 ? 'http' : 'https'));
    expect(answers.map((a) => a.status)).to.deep.equal(Array(8).fill(200));
    const mine = await trafficAfter(traffic, mark, { receiver: HSA.careUnit }, 8);
    expect(mine).to.have.length(8);
    const workers = new Set(mine.map((e) => e.worker));
    expect([...workers].every((w) => typeof w === 'number')).to.equal(true);
    expect(workers.size).to.equal(2);
    expect(new Set(mine.map((e) => e.listener))).to.deep.equal(new Set(['http', 'https']));

    const metrics = parsePrometheusText(await (await request(`${agp.test.adminUrl}/metrics`)).body.text());
    expect(metrics.problems).to.deep.equal([]);
    const careUnitCalls = metrics.families.get('ntjp_vp_calls_total')!.samples.filter((s) => s.labels.receiver === HSA.careUnit).reduce((n, s) => n + s.value, 0);
    expect(careUnitCalls).to.equal(traffic.list({ limit: 1000, receiver: HSA.careUnit }).length);
    expect(metrics.families.get('ntjp_vp_catalogue_version')!.samples[0]!.value).to.equal(version);
  });

  it('switches every worker to a published catalogue within the poll interval while calls go on, none failing', async () => {
    const failures: string[] = [];
    /** which producer answered, and whether the call started after every worker had switched */
    const answers: Array<{ who: 'A' | 'B'; afterSwitch: boolean }> = [];
    let switched = false;
    let running = true;
    // Four callers at once, each bounded, so that calls are in flight on both workers while they switch.
    const loop = Promise.all([0, 1, 2, 3].map(async (caller) => {
      for (let i = caller; i < 500 + caller && running; i++) {
        const afterSwitch = switched;
        const res = await freshCall(i % 2 === 0 ? 'http' : 'https');
        if (res.status !== 200) failures.push(`${res.status} ${res.body}`);
        else answers.push({ who: res.body.includes('<answer>B</answer>') ? 'B' : 'A', afterSwitch });
      }
    }));
    for (let i = 0; i < 100 && answers.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    const started = process.hrtime.bigint();
    await publish([route(HSA.careUnit, producerB.url)]);
    const switchMs = Number(process.hrtime.bigint() - started) / 1e6;
    switched = true;
    const { vp } = await status();
    for (let i = 0; i < 100 && answers.filter((a) => a.afterSwitch).length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    running = false;
    await loop;
    expect(failures).to.deep.equal([]);
    expect(vp.workers.list.map((w) => w.catalogueVersion)).to.deep.equal([version, version]);
    expect(switchMs, `switch took ${switchMs} ms`).to.be.below(1000);
    expect(answers.filter((a) => !a.afterSwitch).map((a) => a.who)).to.include('A');
    const after = answers.filter((a) => a.afterSwitch).map((a) => a.who);
    expect(after.length).to.be.at.least(4);
    expect(new Set(after)).to.deep.equal(new Set(['B']));
    console.log(`      (every worker switched ${switchMs.toFixed(1)} ms after the publish; ${answers.length} calls during the run)`);
  });

  it('replaces a killed worker, and the new one routes with the newest catalogue', async () => {
    const before = (await status()).vp.workers;
    const victim = before.list[0]!;
    process.kill(victim.pid, 'SIGKILL');
    let after = before;
    for (let i = 0; i < 200; i++) {
      after = (await status()).vp.workers;
      if (after.up === 2 && !after.list.some((w) => w.pid === victim.pid) && after.list.every((w) => w.catalogueVersion === version)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(after.up).to.equal(2);
    expect(after.restarts).to.equal(before.restarts + 1);
    expect(after.list.map((w) => w.pid)).to.not.include(victim.pid);
    expect(after.list.map((w) => w.catalogueVersion)).to.deep.equal([version, version]);
    for (let i = 0; i < 4; i++) expect((await freshCall('http')).body).to.include('<answer>B</answer>');
  });
});

describe('hub workers: restarts are bounded', function () {
  this.timeout(120_000);
  let p: TestPlatform;
  const lines: string[] = [];

  before(async () => {
    p = await startTestPlatform({ settings: { 'platform.workers': '1' }, log: createLogger('info', {}, (line) => void lines.push(line), 'json') });
  });
  after(async () => p?.close());

  async function workers(): Promise<WorkerStatus> {
    return ((await (await request(`${p.adminUrl}/status`)).body.json()) as { vp: { workers: WorkerStatus } }).vp.workers;
  }

  it(`restarts a worker that dies ${RESTARTS_MAX} times within ${RESTART_WINDOW_MS / 1000} s, then leaves it down and logs an error`, async () => {
    for (let kill = 1; kill <= RESTARTS_MAX + 1; kill++) {
      const { pid } = (await workers()).list[0]!;
      process.kill(pid, 'SIGKILL');
      let now = await workers();
      for (let i = 0; i < 300 && (now.list.some((w) => w.pid === pid) || (kill <= RESTARTS_MAX && now.up < 1)); i++) {
        await new Promise((r) => setTimeout(r, 50));
        now = await workers();
      }
      expect(now.restarts, `after kill ${kill}`).to.equal(Math.min(kill, RESTARTS_MAX));
      expect(now.up, `after kill ${kill}`).to.equal(kill <= RESTARTS_MAX ? 1 : 0);
    }
    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['log.level'] === 'error');
    expect(errors.map((l) => l.message)).to.deep.equal(['hub worker exited and is not restarted: too many restarts']);
  });
});
