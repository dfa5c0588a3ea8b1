import { expect } from 'chai';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { createCa, createCertificate } from '../../src/pki/index.js';
import { createLogger } from '../../src/shared/log.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, largeRivCall, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const internal = { internal: HSA.consumer };
const STREAMED_BYTES = 2 * 1024 * 1024;
const CLOSED_DETAIL = /^Error connecting to service producer at address http:\/\/127\.0\.0\.1:\d+\/producer\. Exception Caught by Camel when contacting producer\. Exception information: \(UND_ERR_SOCKET: other side closed\)$/;

/** A promise with its resolve function. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** A large request whose second half is sent only once `gate` resolves: the hub must forward while it arrives. */
function gatedBody(call: string, gate: Promise<void>): Readable {
  const half = call.length >> 1;
  return Readable.from(
    (async function* () {
      yield Buffer.from(call.slice(0, half));
      await gate;
      yield Buffer.from(call.slice(half));
    })(),
  );
}

const postInternal = (p: TestPlatform, body: Readable | string) =>
  request(p.hubHttpUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=UTF-8', 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });

describe('hub producer delivery: a request is sent again only when no byte of it went out', function () {
  this.timeout(10000);
  let p: TestPlatform;
  let closesAfterReading: TestProducer;
  let streamedThenCloses: TestProducer;
  const streamedStart = signal();
  const streamedBytes: number[] = [];
  // An https producer whose certificate the hub does not trust: every TLS handshake fails.
  let stranger: Server;
  let strangerUrl = '';
  const strangerSeen = { connections: 0, requests: 0 };

  before(async () => {
    // Reads the whole request, then closes the connection without a word.
    closesAfterReading = await startProducer((_call, _res, req) => void req.socket.destroy());
    streamedThenCloses = await startProducer(
      async (_call, _res, req) => {
        let size = 0;
        for await (const c of req) {
          size += (c as Buffer).length;
          streamedStart.fire();
        }
        streamedBytes.push(size);
        req.socket.destroy();
      },
      { readBody: false },
    );
    const strangerId = createCertificate({ commonName: 'stranger-producer', issuer: createCa('Stranger CA'), usage: 'server', serverNames: ['127.0.0.1'] });
    stranger = createHttpsServer({ cert: strangerId.certPem, key: strangerId.keyPem }, () => void strangerSeen.requests++);
    stranger.on('connection', () => void strangerSeen.connections++);
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    strangerUrl = `https://127.0.0.1:${(stranger.address() as AddressInfo).port}/producer`;
    const rows = [route('READ-THEN-CLOSE', closesAfterReading.url), route('STREAM-THEN-CLOSE', streamedThenCloses.url), route('STRANGER', strangerUrl)];
    p = await startTestPlatform({
      catalogue: snapshot(rows, rows.map((r) => permission(r.logicalAddress))),
      // Short, so that a wrong retry would reach the producer well within the test.
      settings: { 'vp.retryDelayMs': 100 },
    });
  });
  after(async () => {
    await p.close();
    stranger.closeAllConnections();
    await Promise.all([closesAfterReading.close(), streamedThenCloses.close(), new Promise<void>((resolve) => stranger.close(() => resolve()))]);
  });

  it('delivers a request sent in one piece exactly once to a producer that reads it and closes, and gives VP009', async () => {
    const calls = [1, 2, 3];
    for (const n of calls) {
      const detail = expectVpFault(await callHub(p, rivCall('READ-THEN-CLOSE', { inner: `<call>${n}</call>` }), internal), 'VP009');
      expect(detail).to.match(CLOSED_DETAIL);
    }
    expect(closesAfterReading.calls.map((c) => /<call>(\d)<\/call>/.exec(c.body)?.[1])).to.deep.equal(['1', '2', '3']);
  });

  it('delivers a streamed request exactly once to a producer that reads it and closes, and gives VP009', async () => {
    const call = largeRivCall('STREAM-THEN-CLOSE', STREAMED_BYTES);
    const res = await postInternal(p, gatedBody(call, streamedStart.promise));
    expect(res.statusCode).to.equal(500);
    expect(await res.body.text()).to.match(/<faultstring>VP009 .*<detailString>Error connecting to service producer at address .* \(UND_ERR_SOCKET: other side closed\)<\/detailString>/s);
    expect(streamedThenCloses.calls).to.have.length(1);
    expect(streamedBytes).to.deep.equal([Buffer.byteLength(call)]);
  });

  it('sends a streamed request again, whole, when the first connection is refused and the producer then listens', async () => {
    const gone = await startProducer();
    const port = Number(new URL(gone.url).port);
    await gone.close();
    const firstAttemptFailed = signal();
    const log = createLogger('debug', {}, (line) => {
      if (line.includes('retrying once')) firstAttemptFailed.fire();
    });
    const q = await startTestPlatform({ catalogue: snapshot([route('LATE', `http://127.0.0.1:${port}/producer`)], [permission('LATE')]), settings: { 'vp.retryDelayMs': 300 }, log });
    let late: TestProducer | undefined;
    try {
      const call = largeRivCall('LATE', STREAMED_BYTES);
      const answer = postInternal(q, gatedBody(call, firstAttemptFailed.promise));
      await firstAttemptFailed.promise;
      late = await startProducer((c) => ({ body: rivAnswer(undefined, `<size>${Buffer.byteLength(c.body)}</size>`) }), { port });
      const res = await answer;
      expect(res.statusCode).to.equal(200);
      expect(await res.body.text()).to.include(`<size>${Buffer.byteLength(call)}</size>`);
      expect(late.calls).to.have.length(1);
    } finally {
      await q.close();
      await late?.close();
    }
  });

  it('tries a TLS handshake the hub refuses twice (one retry), writes no request, and gives VP009', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('STRANGER'), internal), 'VP009');
    expect(detail).to.equal(
      `Error connecting to service producer at address ${strangerUrl}. Exception Caught by Camel when contacting producer. Exception information: (UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate)`,
    );
    expect(strangerSeen).to.deep.equal({ connections: 2, requests: 0 });
  });
});
