/**
 * The hub's leg to the platform's own services, handed to them in-process (vp.servicesInProcess) against the
 * same leg over their HTTP port: the same call through the hub must give the same answer, traffic entry,
 * metrics and faults either way, and the services must see the same request headers.
 */
import { expect } from 'chai';
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformComponent } from '../../src/platform/context.js';
import { PLATFORM_SERVICES_ORIGIN } from '../../src/platform/soap-server.js';
import { callThroughHub } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { HEADER } from '../../src/shared/soap/namespaces.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { startTestPlatform } from '../support/platform.js';

const PLATFORM = '5565594230';
const CONSUMER = 'SE2321000016-1177';
const FROM = '2000-01-01';
const TO = '2099-12-31';
const PRODUCER_TIMEOUT_MS = 400;
const SLOW_SERVICE_MS = 1500;

/** A built-in service per behaviour: its path, contract and what it does with a call. */
const SERVICES = {
  echo: { path: '/test/echo', ns: 'urn:riv:test:EchoResponder:1' },
  throws: { path: '/test/throws', ns: 'urn:riv:test:ThrowsResponder:1' },
  slow: { path: '/test/slow', ns: 'urn:riv:test:SlowResponder:1' },
  unknown: { path: '/test/nowhere', ns: 'urn:riv:test:NowhereResponder:1' },
} as const;
type Behaviour = keyof typeof SERVICES;

/** Traffic entry fields that do not depend on timing. */
const ENTRY_FIELDS = ['listener', 'path', 'sender', 'originalConsumer', 'receiver', 'contract', 'rivProfile', 'outcome', 'faultCode', 'httpStatus', 'producerUrl', 'routeTrace', 'permissionTrace'] as const;

const echoAnswer = (ns: string): string => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><EchoResponse xmlns="${ns}"><result>OK</result></EchoResponse></soapenv:Body></soapenv:Envelope>`;

interface Run {
  answers: Record<Behaviour, { status: number; headers: Record<string, string>; body: string }>;
  entries: Record<Behaviour, Record<string, unknown>>;
  timings: Record<Behaviour, { durationMs: number; producerMs?: number }>;
  /** the request headers the echo service saw */
  seen: IncomingHttpHeaders;
  servicesPortConnections: number;
  callsMetric: string[];
}

async function callEachService(inProcess: boolean): Promise<Run> {
  let seen: IncomingHttpHeaders = {};
  const testServices: PlatformComponent = {
    name: 'test-services',
    async start(ctx) {
      ctx.soap.register(SERVICES.echo.path, async (call) => {
        seen = { ...call.headers, host: 'services' };
        return { body: echoAnswer(SERVICES.echo.ns) };
      }, [SERVICES.echo.ns]);
      ctx.soap.register(SERVICES.throws.path, () => Promise.reject(new Error('Journal store gone')), [SERVICES.throws.ns]);
      ctx.soap.register(SERVICES.slow.path, async () => {
        await sleep(SLOW_SERVICE_MS);
        return { body: echoAnswer(SERVICES.slow.ns) };
      }, [SERVICES.slow.ns]);
      return { close: async () => undefined };
    },
  };
  const test = await startTestPlatform({
    components: [vpComponent, testServices],
    settings: { 'vp.servicesInProcess': inProcess, 'vp.producerTimeoutMs': PRODUCER_TIMEOUT_MS },
  });
  let connections = 0;
  test.platform.ctx.soap.server.on('connection', () => connections++);
  try {
    const behaviours = Object.keys(SERVICES) as Behaviour[];
    test.setCatalogue({
      version: 1,
      publishedAt: new Date().toISOString(),
      routes: behaviours.map((b, i) => ({ id: i + 1, logicalAddress: PLATFORM, namespace: SERVICES[b].ns, profile: 'RIVTABP21' as const, url: PLATFORM_SERVICES_ORIGIN + SERVICES[b].path, component: 'TEST', from: FROM, to: TO })),
      permissions: behaviours.map((b, i) => ({ id: i + 1, logicalAddress: PLATFORM, namespace: SERVICES[b].ns, consumer: CONSUMER, from: FROM, to: TO, filters: [] })),
      hsaUnits: [],
    });
    const traffic = test.ctx.use<VpApi>('vp').traffic;
    const run = { answers: {}, entries: {}, timings: {} } as Pick<Run, 'answers' | 'entries' | 'timings'>;
    for (const b of behaviours) {
      const correlationId = `corr-${b}`;
      const a = await callThroughHub(test.internalCaller(CONSUMER), rivRequest(PLATFORM, `<${b} xmlns="${SERVICES[b].ns}"/>`), {
        correlationId,
        headers: { [HEADER.originalConsumer]: 'SE2321000016-PERSON', [HEADER.routingHistory]: 'SE2321000016-EARLIER' },
        timeoutMs: 10_000,
      });
      // The date and the producer's round trip differ from run to run; each platform has its own services port.
      const { date, [HEADER.producerRoundTrip]: _roundTripMs, ...headers } = a.headers;
      expect(date, `${b}: Date header`).to.be.a('string');
      run.answers[b] = { status: a.status, headers, body: a.body.replace(test.platform.servicesBaseUrl, 'services:') };
      // The consumer's call is recorded once its answer has gone, which may be after the consumer read it.
      for (let i = 0; i < 100 && traffic.list({ correlationId }).length === 0; i++) await sleep(10);
      const [entry] = traffic.list({ correlationId });
      const fields = { ...entry!, producerUrl: entry!.producerUrl?.replace(test.platform.servicesBaseUrl, 'services:') } as Record<string, unknown>;
      run.entries[b] = Object.fromEntries(ENTRY_FIELDS.map((f) => [f, fields[f]]));
      run.timings[b] = { durationMs: entry!.durationMs, producerMs: entry!.producerMs };
    }
    const metrics = await test.ctx.metrics.render();
    const callsMetric = metrics.split('\n').filter((l) => l.startsWith('ntjp_vp_calls_total{') && l.includes('urn:riv:test:'));
    return { ...run, seen, servicesPortConnections: connections, callsMetric };
  } finally {
    await test.close();
  }
}

describe("The hub's leg to the platform's own services in-process", function () {
  this.timeout(30_000);
  let overHttp: Run;
  let inProcess: Run;

  before(async () => {
    overHttp = await callEachService(false);
    inProcess = await callEachService(true);
  });

  it('crosses no socket to the services port, where the HTTP leg does', () => {
    expect(overHttp.servicesPortConnections).to.be.greaterThan(0);
    expect(inProcess.servicesPortConnections).to.equal(0);
  });

  it('gives the consumer the same status, headers and body as the HTTP leg', () => {
    expect(inProcess.answers.echo).to.deep.equal(overHttp.answers.echo);
    expect(inProcess.answers.echo.status).to.equal(200);
    expect(inProcess.answers.echo.body).to.equal(echoAnswer(SERVICES.echo.ns));
    expect(inProcess.answers.echo.headers[HEADER.correlationId]).to.equal('corr-echo');
  });

  it('shows the service the same request headers: sender, instance, original consumer, correlation id, routing history, no secret', () => {
    // Only the HTTP client's connection header is the socket's own.
    const { connection, ...http } = overHttp.seen;
    expect(connection).to.equal('keep-alive');
    expect(inProcess.seen).to.deep.equal(http);
    expect(inProcess.seen[HEADER.senderId]).to.equal(CONSUMER);
    expect(inProcess.seen[HEADER.originalConsumer]).to.equal('SE2321000016-PERSON');
    expect(inProcess.seen[HEADER.correlationId]).to.equal('corr-echo');
    expect(inProcess.seen[HEADER.routingHistory]).to.equal('SE2321000016-EARLIER');
    expect(inProcess.seen).to.not.have.property('x-ntjp-platform-secret');
  });

  it('records the same traffic entry fields, with the producer time measured', () => {
    expect(inProcess.entries).to.deep.equal(overHttp.entries);
    expect(inProcess.entries.echo).to.include({ outcome: 'ok', httpStatus: 200, producerUrl: 'services:/test/echo' });
    expect(inProcess.timings.echo.producerMs).to.be.a('number');
    expect(inProcess.timings.echo.durationMs).to.be.at.least(inProcess.timings.echo.producerMs!);
  });

  it('passes the fault of a service that throws through as the HTTP leg does', () => {
    expect(inProcess.answers.throws).to.deep.equal(overHttp.answers.throws);
    expect(inProcess.answers.throws.status).to.equal(500);
    expect(inProcess.answers.throws.body).to.include('<faultstring>Journal store gone</faultstring>');
    expect(inProcess.entries.throws).to.include({ outcome: 'producer-fault', httpStatus: 500 });
  });

  it('gives VP009 with the timeout text when the service does not answer within the producer timeout', () => {
    expect(inProcess.answers.slow).to.deep.equal(overHttp.answers.slow);
    expect(inProcess.answers.slow.status).to.equal(500);
    expect(inProcess.answers.slow.body).to.include('UND_ERR_HEADERS_TIMEOUT: Timeout when waiting on response from producer.');
    expect(inProcess.entries.slow).to.include({ outcome: 'vp-fault', faultCode: 'VP009' });
    expect(inProcess.timings.slow.durationMs).to.be.at.least(PRODUCER_TIMEOUT_MS - 5);
  });

  it('gives VP009 with HTTP status 404 for a path no service serves, as the HTTP leg does', () => {
    expect(inProcess.answers.unknown).to.deep.equal(overHttp.answers.unknown);
    expect(inProcess.answers.unknown.body).to.include('VP_PRODUCER_EXCEPTION_HTTP_STATUS=404');
    expect(inProcess.entries.unknown).to.include({ outcome: 'vp-fault', faultCode: 'VP009', httpStatus: 500 });
  });

  it('counts the calls in the same metrics', () => {
    expect(inProcess.callsMetric).to.deep.equal(overHttp.callsMetric);
    expect(inProcess.callsMetric).to.have.length(4);
  });
});
