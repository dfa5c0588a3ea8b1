import { expect } from 'chai';
import { EventEmitter, once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { TrafficEntry, VpApi } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

const LIMIT_BYTES = 100_000;

describe('hub traffic log: answers cut after their status line', function () {
  this.timeout(20000);
  let p: TestPlatform;
  let breaksOff: TestProducer;
  let tooLarge: TestProducer;
  /** emits `start` when the consumer has the first bytes of the answer */
  const consumer = new EventEmitter();
  const answer = rivAnswer(undefined, `<part>one</part><pad>${'z'.repeat(2 * LIMIT_BYTES)}</pad>`);

  before(async () => {
    breaksOff = await startProducer(async (_call, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const consumerHasStart = once(consumer, 'start');
      res.write(answer.slice(0, 1000));
      await consumerHasStart;
      res.socket!.destroy();
    });
    tooLarge = await startProducer((_call, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(answer);
    });
    p = await startTestPlatform({
      catalogue: snapshot([route('BREAKS-OFF', breaksOff.url), route('TOO-LARGE', tooLarge.url)], [permission('BREAKS-OFF'), permission('TOO-LARGE')]),
      settings: { 'vp.maxBodyBytes': LIMIT_BYTES },
    });
  });
  after(async () => {
    await p.close();
    await Promise.all([breaksOff.close(), tooLarge.close()]);
  });

  /** Calls the hub's HTTP listener and reads the answer until it ends or is cut; returns its status. */
  async function callAndRead(receiver: string, correlationId: string, onStart = (): void => undefined): Promise<{ status: number; error?: string }> {
    const res = await request(p.hubHttpUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId, 'x-skltp-correlation-id': correlationId },
      body: rivCall(receiver),
    });
    try {
      for await (const _chunk of res.body) onStart();
      return { status: res.statusCode };
    } catch (e) {
      return { status: res.statusCode, error: (e as Error).message };
    }
  }

  /** The call's entry, logged once the consumer's connection has closed. */
  async function entryOf(correlationId: string): Promise<TrafficEntry | undefined> {
    for (let i = 0; i < 100; i++) {
      const [entry] = p.ctx.use<VpApi>('vp').traffic.list({ correlationId });
      if (entry) return entry;
      await sleep(20);
    }
    return undefined;
  }

  it('logs an answer the producer broke off mid-way as answer-cut with VP009, the transport error and the status sent', async () => {
    const got = await callAndRead('BREAKS-OFF', 'cut-by-producer', () => consumer.emit('start'));
    expect(got.status).to.equal(200);
    expect(got.error).to.be.a('string');
    expect(await entryOf('cut-by-producer')).to.include({ outcome: 'answer-cut', faultCode: 'VP009', reason: 'UND_ERR_SOCKET: other side closed', httpStatus: 200 });
  });

  it('logs a chunked answer that grows past vp.maxBodyBytes as answer-cut with VP009 and ResponseTooLarge', async () => {
    const got = await callAndRead('TOO-LARGE', 'cut-too-large');
    expect(got.status).to.equal(200);
    expect(got.error).to.be.a('string');
    expect(await entryOf('cut-too-large')).to.include({
      outcome: 'answer-cut',
      faultCode: 'VP009',
      reason: `ResponseTooLarge: response is larger than the limit of ${LIMIT_BYTES} bytes`,
      httpStatus: 200,
    });
  });

  it('counts cut answers under their own outcome in the metrics', async () => {
    const res = await request(`${p.adminUrl}/metrics`);
    const text = await res.body.text();
    expect(text).to.include(`ntjp_vp_calls_total{contract="${CONTRACT.getSchedule}",receiver="BREAKS-OFF",outcome="answer-cut",fault_code="VP009"} 1`);
    expect(text).to.include(`ntjp_vp_calls_total{contract="${CONTRACT.getSchedule}",receiver="TOO-LARGE",outcome="answer-cut",fault_code="VP009"} 1`);
  });

  it('rejects an in-process call whose answer grows past vp.maxBodyBytes, logged as the listener call is', async () => {
    const headers = { 'content-type': 'text/xml; charset=utf-8', 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId, 'x-skltp-correlation-id': 'cut-in-process' };
    const outcome = await p.ctx
      .use<VpApi>('vp')
      .dispatch({ body: rivCall('TOO-LARGE'), headers })
      .then(
        () => 'answered',
        (e: unknown) => (e as Error).message,
      );
    expect(outcome).to.equal('the hub cut the answer off');
    const [entry] = p.ctx.use<VpApi>('vp').traffic.list({ correlationId: 'cut-in-process' });
    expect(entry).to.include({ outcome: 'answer-cut', faultCode: 'VP009', reason: `ResponseTooLarge: response is larger than the limit of ${LIMIT_BYTES} bytes`, httpStatus: 200, listener: 'http' });
  });
});
