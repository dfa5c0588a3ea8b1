import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { testCertsDir, testIdentity } from '../support/platform.js';
import { adminApi } from '../tak/platform-fixture.js';
import { consumerRouteOrder, sqliteDatabase, startInstance, type ServeInstance } from '../support/instances.js';
import { freePort, nginxMissing, startNginx, type RunningNginx } from '../support/nginx.js';
import { skipWithReason } from '../support/skip-with-reason.js';

const PLATFORM_START_MS = 2000;
const CALLERS_PER_FRONT = 2;
const CALLS_PER_CALLER = 40;
/** The instance is killed once this many calls have succeeded, so that calls run on both sides of the kill. */
const KILL_AFTER_CALLS = 12;

const port = (url: string): number => Number(new URL(url).port);

/**
 * The two configurations of docs/deploy.md on loopback: mutual TLS passed through to the hubs' HTTPS
 * listeners (stream), and TLS ended at nginx with the client certificate in x-vp-auth-cert to their HTTP
 * listeners. A refused or failed connection moves to the other instance and benches the failed one.
 */
function hubProxy(o: { passthroughPort: number; terminationPort: number; instances: ServeInstance[]; certsDir: string }): { stream: string; http: string } {
  const servers = (url: (i: ServeInstance) => string) => o.instances.map((i) => `    server 127.0.0.1:${port(url(i))} max_fails=1 fail_timeout=10s;`).join('\n');
  const stream = `  upstream hub_mtls {
${servers((i) => i.hubHttpsUrl)}
  }
  server {
    listen 127.0.0.1:${o.passthroughPort};
    proxy_pass hub_mtls;
    proxy_connect_timeout 2s;
    proxy_next_upstream on;
  }`;
  const http = `  upstream hub_http {
${servers((i) => i.hubHttpUrl)}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${o.terminationPort} ssl;
    ssl_certificate ${join(o.certsDir, 'hub.pem')};
    ssl_certificate_key ${join(o.certsDir, 'hub.key')};
    ssl_client_certificate ${join(o.certsDir, 'ca.pem')};
    ssl_verify_client on;
    client_max_body_size 15m;
    location /vp {
      proxy_pass http://hub_http;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header x-vp-auth-cert $ssl_client_escaped_cert;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout;
    }
  }`;
  return { stream, http };
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
  let nginx: RunningNginx | undefined;
  let passthrough = '';
  let termination = '';

  before(async function () {
    const missing = nginxMissing();
    if (missing) skipWithReason(this, missing);
    shared = sqliteDatabase();
    producer = await startProducer();
    a = await startInstance({ instanceId: 'NTJP-A', database: shared.database });
    b = await startInstance({ instanceId: 'NTJP-B', database: shared.database });
    const api = adminApi(a.adminUrl);
    expect((await api('POST', '/api/tak/orders', consumerRouteOrder(HSA.careUnit, producer.url))).status).to.equal(201);
    expect((await api('POST', '/api/tak/publish', { comment: 'behind nginx' })).status).to.equal(201);
    const ports = { passthroughPort: await freePort(), terminationPort: await freePort() };
    nginx = await startNginx({ ...hubProxy({ ...ports, instances: [a, b], certsDir: testCertsDir() }), ports: Object.values(ports) });
    passthrough = `https://127.0.0.1:${ports.passthroughPort}/vp`;
    termination = `https://127.0.0.1:${ports.terminationPort}/vp`;
    // Both hubs switch to the published version within a poll interval.
    const deadline = Date.now() + PLATFORM_START_MS * 5;
    for (const hub of [a, b]) while ((await callOnce(hub.hubHttpsUrl)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  });

  after(async () => {
    await nginx?.stop();
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
