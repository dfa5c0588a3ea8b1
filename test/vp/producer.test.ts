import { expect } from 'chai';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createLogger } from '../../src/shared/log.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, producerFault, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';
import { freePort } from '../support/free-port.js';

const consumer = { mtls: HSA.consumer };


describe('hub producer calls', function () {
  let p: TestPlatform;
  const producers: TestProducer[] = [];
  const rows: ReturnType<typeof route>[] = [];
  let refusedUrl: string;
  let timeoutsDir = '';

  async function producerAt(address: string, handler: Parameters<typeof startProducer>[0], namespace?: string): Promise<TestProducer> {
    const t = await startProducer(handler);
    producers.push(t);
    rows.push(route(address, t.url, namespace ? { namespace } : {}));
    return t;
  }

  before(async () => {
    await producerAt('FAULT', () => ({ status: 500, body: producerFault('Producer says no') }));
    await producerAt('HTML500', () => ({ status: 500, headers: { 'content-type': 'text/html' }, body: '<html>oops</html>' }));
    await producerAt('NOTFOUND', () => ({ status: 404, body: 'no such service' }));
    await producerAt('EMPTY', () => ({ status: 200, body: '' }));
    await producerAt('NOTSOAP', () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain text answer' }));
    // Never answers: the hub's read timeout must cut it, and other calls must not wait for it.
    await producerAt('HANG', () => undefined, CONTRACT.makeBooking);
    refusedUrl = `http://127.0.0.1:${await freePort()}/gone`;
    rows.push(route('REFUSED', refusedUrl));
    // The default stays far above the test's time limit: only the per-contract entry can end the HANG call.
    timeoutsDir = mkdtempSync(join(tmpdir(), 'ntjp-vp-timeouts-'));
    const timeouts = join(timeoutsDir, 'timeoutconfig.json');
    writeFileSync(timeouts, JSON.stringify([{ tjanstekontrakt: 'default_timeouts', producertimeout: 60000 }, { tjanstekontrakt: CONTRACT.makeBooking, producertimeout: 300 }]));
    const addresses = [...new Set(rows.map((r) => r.logicalAddress))];
    p = await startTestPlatform({
      catalogue: snapshot(rows, [...addresses.map((a) => permission(a)), permission('HANG', HSA.consumer, { namespace: CONTRACT.makeBooking })]),
      settings: { 'vp.timeoutConfig': timeouts, 'vp.retryDelayMs': 300 },
    });
  });
  after(async () => {
    await p?.close();
    await Promise.all(producers.map((t) => t.close()));
    if (timeoutsDir) rmSync(timeoutsDir, { recursive: true, force: true });
  });

  it('passes a SOAP 1.1 fault with HTTP 500 through unchanged', async () => {
    const res = await callHub(p, rivCall('FAULT'), consumer);
    expect(res.status).to.equal(500);
    expect(res.envelope!.fault!.string).to.equal('Producer says no');
    expect(res.headers['x-skltp-correlation-id']).to.be.a('string');
  });

  it('gives VP009 with the status for a non-SOAP 500 and for other statuses', async () => {
    const html = expectVpFault(await callHub(p, rivCall('HTML500'), consumer), 'VP009');
    expect(html).to.match(/^Error connecting to service producer at address http:\/\/127\.0\.0\.1:\d+\/producer\. Exception Caught by Camel when contacting producer\. Exception information: \(.+\)\nVP_PRODUCER_EXCEPTION_HTTP_STATUS=500$/);
    expect(expectVpFault(await callHub(p, rivCall('NOTFOUND'), consumer), 'VP009')).to.match(/\nVP_PRODUCER_EXCEPTION_HTTP_STATUS=404$/);
  });

  it('gives VP009 for an empty 200', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('EMPTY'), consumer), 'VP009');
    expect(detail).to.include('Empty message when server responded with status code: 200').and.match(/STATUS=200$/);
  });

  it('passes a non-empty 2xx through verbatim even when it is not SOAP', async () => {
    const res = await callHub(p, rivCall('NOTSOAP'), consumer);
    expect(res.status).to.equal(200);
    expect(res.body).to.equal('plain text answer');
  });

  it('gives VP009 after one retry when the producer refuses connections', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('REFUSED'), consumer), 'VP009');
    expect(detail).to.include(`at address ${refusedUrl}`).and.include('ECONNREFUSED').and.not.include('VP_PRODUCER_EXCEPTION_HTTP_STATUS');
  });

  it('retries once after a connection error and succeeds when the producer is back', async () => {
    const port = await freePort();
    let firstAttemptFailed!: () => void;
    const refused = new Promise<void>((resolve) => (firstAttemptFailed = resolve));
    const log = createLogger('debug', {}, (line) => {
      if (line.includes('retrying once')) firstAttemptFailed();
    });
    const q = await startTestPlatform({ catalogue: snapshot([route('LATE', `http://127.0.0.1:${port}/late`)], [permission('LATE')]), settings: { 'vp.retryDelayMs': 500 }, log });
    let late: TestProducer | undefined;
    try {
      const call = callHub(q, rivCall('LATE'), consumer);
      await refused;
      late = await startProducer(() => ({ body: rivAnswer(undefined, '<late>yes</late>') }), { port });
      const res = await call;
      expect(res.status).to.equal(200);
      expect(res.body).to.include('<late>yes</late>');
      expect(late.calls).to.have.length(1);
    } finally {
      await q.close();
      await late?.close();
    }
  });

  it('gives VP009 on the per-contract read timeout without retrying, and a hanging producer blocks no other call', async () => {
    const hang = producers[5]!;
    const before = hang.calls.length;
    const slow = callHub(p, rivCall('HANG', { namespace: CONTRACT.makeBooking }), consumer);
    const quick = await callHub(p, rivCall('NOTSOAP'), consumer);
    expect(quick.status).to.equal(200);
    const detail = expectVpFault(await slow, 'VP009');
    expect(detail).to.include('Timeout when waiting on response from producer.');
    expect(hang.calls.length).to.equal(before + 1);
  });
});
