import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ENQUEUE_SQL, Outbox, enqueueParams } from '../../src/ei/outbox.js';
import { sqliteRunner } from '../../src/ei/sql-runner.js';
import { eiComponent } from '../../src/ei/index.js';
import { createLogger } from '../../src/shared/log.js';
import { callThroughHub } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { takComponent } from '../../src/tak/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { startProducer, type Producer } from '../agp/producers.js';
import { startAgpPlatform, CONSUMER, type AgpPlatform } from '../agp/platform.js';
import { scheduleAnswer, scheduleRequest, SCHEDULING_DOMAIN, SCHEDULING_NS } from '../agp/fixtures.js';
import { startTestPlatform } from '../support/platform.js';
import { parsePrometheusText, type Family } from '../support/prometheus-text.js';

const OK_SOURCE = 'SE2321000016-M001';
const FAULTY_SOURCE = 'SE2321000016-M002';
const SLOW_PRODUCER = 'SE2321000016-M003';
const SUBSCRIBER = 'SE2321000016-SUBSCRIBER';

/** Top-level ECS field sets a line's keys may start with. */
const ECS_ROOTS = new Set(['@timestamp', 'message', 'log', 'ecs', 'event', 'trace', 'labels', 'service', 'url', 'http', 'error', 'host', 'process']);

async function scrape(adminUrl: string): Promise<{ contentType: string; families: Map<string, Family>; problems: string[] }> {
  const res = await request(`${adminUrl}/metrics`);
  return { contentType: String(res.headers['content-type']), ...parsePrometheusText(await res.body.text()) };
}

const values = (families: Map<string, Family>, name: string): Array<[Record<string, string>, number]> =>
  (families.get(name)?.samples ?? []).map((s) => [s.labels, s.value]);

describe('metrics and logs of a running platform (hub, EI, AgP)', function () {
  this.timeout(30000);
  let agp: AgpPlatform;
  const producers: Producer[] = [];
  const lines: string[] = [];
  let scraped: Awaited<ReturnType<typeof scrape>>;

  before(async () => {
    agp = await startAgpPlatform({ 'agp.sourceTimeoutMs': 5000 }, createLogger('debug', {}, (line) => void lines.push(line)));
    producers.push(await startProducer({ kind: 'records', body: scheduleAnswer(1) }), await startProducer({ kind: 'fault', text: 'source is down' }));
    [OK_SOURCE, FAULTY_SOURCE].forEach((address, i) => {
      agp.route(address, SCHEDULING_NS, producers[i]!.url);
      agp.permit(CONSUMER, address, SCHEDULING_NS);
    });
    await agp.engage([OK_SOURCE, FAULTY_SOURCE].map((logicalAddress) => ({ logicalAddress, serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
    expect((await agp.call(scheduleRequest())).status).to.equal(200);
    const sql = sqliteRunner(agp.test.ctx.db);
    const outbox = new Outbox(sql);
    for (let i = 0; i < 3; i++) await sql.run(ENQUEUE_SQL, enqueueParams({ subscriber: SUBSCRIBER, payload: '<x/>', transactions: 1 }, `c-${i}`, Date.now()));
    const head = await outbox.lease(SUBSCRIBER, 'test', Date.now(), Date.now() + 60_000);
    await outbox.dead(head!.id, 'test', 'HTTP 500', Date.now());
    scraped = await scrape(agp.test.adminUrl);
  });
  after(async () => {
    await Promise.all(producers.map((p) => p.close()));
    await agp.close();
  });

  it('serves /metrics in the text format promtool checks, with no problem in it', () => {
    expect(scraped.contentType).to.equal('text/plain; version=0.0.4; charset=utf-8');
    expect(scraped.problems).to.deep.equal([]);
  });

  it('has the process and runtime metrics: CPU, memory, heap, event loop and garbage collection', () => {
    const expected: Array<[string, string]> = [
      ['process_cpu_user_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['nodejs_heap_size_used_bytes', 'gauge'],
      ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
      ['nodejs_gc_duration_seconds', 'histogram'],
    ];
    for (const [name, type] of expected) expect(scraped.families.get(name)?.type, name).to.equal(type);
    expect(values(scraped.families, 'process_resident_memory_bytes')[0]![1]).to.be.above(0);
  });

  it('counts the hub’s calls by contract, receiver, outcome and fault code under the names it always had', () => {
    expect(values(scraped.families, 'ntjp_vp_calls_total')).to.deep.include([{ contract: SCHEDULING_NS, receiver: FAULTY_SOURCE, outcome: 'producer-fault', fault_code: '' }, 1]);
    expect(scraped.families.get('ntjp_vp_call_duration_seconds')?.type).to.equal('histogram');
    expect(scraped.families.get('ntjp_vp_producer_duration_seconds')?.type).to.equal('histogram');
  });

  it('shows the calls in flight (none between calls) and the catalogue version the hub routes with', () => {
    expect(values(scraped.families, 'ntjp_vp_calls_in_flight')).to.deep.equal([[{}, 0]]);
    expect(values(scraped.families, 'ntjp_vp_catalogue_version')).to.deep.equal([[{}, 1]]);
  });

  it('counts a call in flight while its producer is still answering, and no more once it has answered', async () => {
    const slow = await startProducer({ kind: 'records', body: scheduleAnswer(1), delayMs: 1000 });
    producers.push(slow);
    agp.route(SLOW_PRODUCER, SCHEDULING_NS, slow.url);
    agp.permit(CONSUMER, SLOW_PRODUCER, SCHEDULING_NS);
    const call = callThroughHub(agp.test.internalCaller(CONSUMER), rivRequest(SLOW_PRODUCER, scheduleRequest()), { timeoutMs: 10_000 });
    let during: Array<[Record<string, string>, number]> = [];
    for (let i = 0; i < 40 && during[0]?.[1] !== 1; i++) {
      during = values((await scrape(agp.test.adminUrl)).families, 'ntjp_vp_calls_in_flight');
      if (during[0]?.[1] !== 1) await sleep(20);
    }
    expect((await call).status).to.equal(200);
    expect(during).to.deep.equal([[{}, 1]]);
    expect(values((await scrape(agp.test.adminUrl)).families, 'ntjp_vp_calls_in_flight')).to.deep.equal([[{}, 0]]);
  });

  it('counts each aggregated call’s sources by contract, source, outcome and error code', () => {
    expect(values(scraped.families, 'ntjp_agp_source_calls_total')).to.have.deep.members([
      [{ contract: SCHEDULING_NS, source: OK_SOURCE, outcome: 'ok', code: '' }, 1],
      [{ contract: SCHEDULING_NS, source: FAULTY_SOURCE, outcome: 'failed', code: '500' }, 1],
    ]);
  });

  it('shows the EI outbox depth and dead letters per subscriber', () => {
    expect(values(scraped.families, 'ntjp_ei_outbox_depth')).to.deep.equal([[{ subscriber: SUBSCRIBER }, 2]]);
    expect(values(scraped.families, 'ntjp_ei_dead_letters')).to.deep.equal([[{ subscriber: SUBSCRIBER }, 1]]);
  });

  it('writes every log line as one JSON object with the ECS fields and only ECS top-level keys', () => {
    expect(lines.length).to.be.above(5);
    for (const line of lines) {
      expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n'), line).to.equal(true);
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(record, line).to.include({ 'ecs.version': '8.10.0', 'service.name': 'ntjp-emulator' });
      expect(record['@timestamp'], line).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(record['log.level'], line).to.be.oneOf(['debug', 'info', 'warn', 'error']);
      expect(record.message, line).to.be.a('string');
      expect(Object.keys(record).filter((k) => !ECS_ROOTS.has(k.split('.')[0]!)), line).to.deep.equal([]);
      expect(Object.keys(record).length, `a key twice in ${line}`).to.equal(line.match(/"[^"]+":/g)!.filter((k) => !/\\"/.test(k)).length);
    }
  });

  it('logs each hub call with its correlation id as trace.id, event.outcome success or failure and the hub’s own outcome', () => {
    const calls = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r['event.action'] === 'resp-out');
    const faulty = calls.find((r) => r['labels.receiverid'] === FAULTY_SOURCE)!;
    expect(faulty).to.include({ 'trace.id': 'test-correlation-id', 'event.outcome': 'failure', 'labels.outcome': 'producer-fault', 'labels.statusCode': 500, 'event.module': 'skltp-messages' });
    const ok = calls.find((r) => r['labels.receiverid'] === OK_SOURCE)!;
    expect(ok).to.include({ 'event.outcome': 'success', 'labels.outcome': 'ok' });
    expect(ok['event.duration']).to.be.a('number').and.above(0);
    expect(ok['labels.producerMs']).to.be.a('number');
  });
});

describe('catalogue version metric of the TAK', function () {
  this.timeout(20000);

  it('shows the version published last, which the built-in services’ routes make 1', async () => {
    const p = await startTestPlatform({ components: [takComponent, vpComponent, eiComponent] });
    try {
      const { families, problems } = await scrape(p.adminUrl);
      expect(problems).to.deep.equal([]);
      expect(values(families, 'ntjp_tak_active_version')).to.deep.equal([[{}, 1]]);
      expect(values(families, 'ntjp_vp_catalogue_version')).to.deep.equal([[{}, 1]]);
    } finally {
      await p.close();
    }
  });
});
