import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { testCertsDir, testIdentity } from '../support/platform.js';
import { adminApi } from '../tak/platform-fixture.js';
import { consumerRouteOrder, sqliteDatabase, startInstances, type ServeInstance } from '../support/instances.js';
import { nginxMissing, startNginx, type RunningNginx } from '../support/nginx.js';
import { freePort } from '../support/free-port.js';
import { skipWithReason } from '../support/skip-with-reason.js';

const PLATFORM_START_MS = 2000;
const CALLERS_PER_FRONT = 2;
const CALLS_PER_CALLER = 40;
/** The instance is killed once this many calls have succeeded, so that calls run on both sides of the kill. */
const KILL_AFTER_CALLS = 12;

const port = (url: string): number => Number(new URL(url).port);

/** The ports and folder the nginx configurations of docs/deploy.md name, by what they stand for. */
const DOCUMENTED = { front: /listen 20000/, certsDir: /\/srv\/ntjp\/certs/g, a: { https: '127.0.0.1:20001', http: '127.0.0.1:8081' }, b: { https: '127.0.0.1:20002', http: '127.0.0.1:8082' } };

/**
 * The two nginx configurations of docs/deploy.md as written there (mutual TLS passed through, the one with a
 * `stream` block; TLS ended with the certificate in x-vp-auth-cert), on the test's ports and certificates.
 */
function documentedConfigs(o: { a: ServeInstance; b: ServeInstance; certsDir: string }): Array<{ config: string; kind: 'passthrough' | 'termination' }> {
  const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
  const blocks = [...doc.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks, 'nginx configurations in docs/deploy.md').to.have.length(2);
  return blocks.map((block) => {
    let config = block.replace(DOCUMENTED.certsDir, o.certsDir);
    for (const [instance, documented] of [[o.a, DOCUMENTED.a], [o.b, DOCUMENTED.b]] as const) {
      config = config.replaceAll(documented.https, `127.0.0.1:${port(instance.hubHttpsUrl)}`).replaceAll(documented.http, `127.0.0.1:${port(instance.hubHttpUrl)}`);
    }
    return { config, kind: block.includes('stream {') ? 'passthrough' : 'termination' };
  });
}

/** One call on a connection of its own, so that no pooled connection to a killed instance is reused. */
async function callOnce(url: string, o: { clientCertificate?: boolean; headers?: Record<string, string> } = {}): Promise<SoapAnswer> {
  const id = testIdentity(HSA.consumer);
  const agent = new Agent({ connect: { ca: id.ca, ...(o.clientCertificate === false ? {} : { cert: id.cert, key: id.key }) } });
  try {
    return await postSoap({ url, body: rivCall(HSA.careUnit), headers: o.headers, dispatcher: agent, timeoutMs: 10_000 });
  } finally {
    await agent.destroy();
  }
}

describe('platform: two instances behind nginx', function () {
  this.timeout(180_000);
  let shared: ReturnType<typeof sqliteDatabase> | undefined;
  let a: ServeInstance | undefined;
  let b: ServeInstance | undefined;
  let producer: TestProducer | undefined;
  const nginx: RunningNginx[] = [];
  let passthrough = '';
  let termination = '';

  before(async function () {
    const missing = nginxMissing();
    if (missing) skipWithReason(this, missing);
    shared = sqliteDatabase();
    producer = await startProducer();
    [a, b] = await startInstances(['NTJP-A', 'NTJP-B'].map((instanceId) => ({ instanceId, database: shared!.database })));
    const api = adminApi(a.adminUrl);
    expect((await api('POST', '/api/tak/orders', consumerRouteOrder(HSA.careUnit, producer.url))).status).to.equal(201);
    expect((await api('POST', '/api/tak/publish', { comment: 'behind nginx' })).status).to.equal(201);
    for (const front of documentedConfigs({ a, b, certsDir: testCertsDir() })) {
      const listen = await freePort();
      nginx.push(await startNginx(front.config.replace(DOCUMENTED.front, `listen 127.0.0.1:${listen}`), [listen]));
      if (front.kind === 'passthrough') passthrough = `https://127.0.0.1:${listen}/vp`;
      else termination = `https://127.0.0.1:${listen}/vp`;
    }
    // Both hubs switch to the published version within a poll interval.
    const deadline = Date.now() + PLATFORM_START_MS * 5;
    for (const hub of [a, b]) while ((await callOnce(hub.hubHttpsUrl)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  });

  after(async () => {
    await Promise.all(nginx.map((n) => n.stop()));
    await Promise.all([a?.stop(), b?.stop()]);
    await producer?.close();
    shared?.remove();
  });

  beforeEach(() => {
    if (producer) producer.calls.length = 0;
  });

  const sendersAndInstances = () => ({
    senders: [...new Set(producer!.calls.map((c) => c.headers['x-vp-sender-id']))],
    instances: [...new Set(producer!.calls.map((c) => c.headers['x-vp-instance-id']))].sort(),
  });

  it('passes mutual TLS through to the hubs (stream): each hub reads the sender from the client certificate, and both instances take calls', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => callOnce(passthrough)));
    expect(answers.map((x) => x.status)).to.deep.equal(Array(6).fill(200));
    expect(sendersAndInstances()).to.deep.equal({ senders: [HSA.consumer], instances: ['NTJP-A', 'NTJP-B'] });
  });

  it("ends TLS at nginx and passes the client certificate in x-vp-auth-cert to the hubs' HTTP listeners, and both instances take calls", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => callOnce(termination)));
    expect(answers.map((x) => x.status)).to.deep.equal(Array(6).fill(200));
    expect(sendersAndInstances()).to.deep.equal({ senders: [HSA.consumer], instances: ['NTJP-A', 'NTJP-B'] });
  });

  it("overwrites a caller's own x-vp-auth-cert with the certificate of its TLS connection", async () => {
    const other = readFileSync(join(testCertsDir(), 'hub.pem'), 'utf8');
    const answer = await callOnce(termination, { headers: { 'x-vp-auth-cert': encodeURIComponent(other) } });
    expect(answer.status).to.equal(200);
    expect(sendersAndInstances().senders).to.deep.equal([HSA.consumer]);
  });

  it('refuses a caller without a client certificate at nginx, before any hub', async () => {
    const answer = await callOnce(termination, { clientCertificate: false });
    expect(answer.status).to.equal(400);
    expect(answer.body).to.contain('No required SSL certificate was sent');
    expect(producer!.calls).to.deep.equal([]);
  });

  it('keeps answering through both front ends when one instance is killed mid-run: calls in flight may fail, every later call succeeds', async () => {
    const outcomes: Array<{ front: string; startedAt: number; ok: boolean; what: string }> = [];
    let succeeded = 0;
    let killedAt = Infinity;
    let killing: Promise<void> | undefined;
    const caller = async (front: string): Promise<void> => {
      for (let i = 0; i < CALLS_PER_CALLER; i++) {
        const startedAt = Date.now();
        const outcome = await callOnce(front).then((x) => ({ ok: x.status === 200, what: `HTTP ${x.status}` }), (e: Error & { code?: string }) => ({ ok: false, what: e.code ?? e.message }));
        outcomes.push({ front, startedAt, ...outcome });
        if (outcome.ok && ++succeeded === KILL_AFTER_CALLS) killing = a!.kill().then(() => void (killedAt = Date.now()));
      }
    };
    await Promise.all([passthrough, termination].flatMap((front) => Array.from({ length: CALLERS_PER_FRONT }, () => caller(front))));
    await killing;
    const after = outcomes.filter((o) => o.startedAt > killedAt);
    const failedAfter = after.filter((o) => !o.ok);
    expect(failedAfter, `failed after the kill: ${JSON.stringify(failedAfter)}`).to.deep.equal([]);
    for (const front of [passthrough, termination]) expect(after.filter((o) => o.front === front).length, `calls through ${front} after the kill`).to.be.greaterThan(10);
    expect(killedAt).to.be.lessThan(Infinity);
  });
});
