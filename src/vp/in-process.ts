/**
 * A call handed to the hub in the same process (docs/vp.md, "In-process calls"): the envelope and headers
 * an internal caller would send to the HTTP listener, run through the same step list as a call on that
 * listener (pipeline.ts), as if from the loopback address. Only the leg to the producer crosses the network.
 * It needs a hub runtime, not a listening server.
 */
import { Readable, Writable } from 'node:stream';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { handleCall, type HubRuntime } from './pipeline.js';
import type { ConsumerAnswer, ConsumerRequest } from './consumer.js';

export interface InProcessCall {
  /** the whole request envelope */
  body: string | Buffer;
  /** the HTTP headers the caller would send (any case; content-length is the body's) */
  headers: Record<string, string>;
  /** aborting it is the caller hanging up: the answer is dropped and the call rejects with the reason */
  signal?: AbortSignal;
}

export interface InProcessAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Where an in-process call comes from, for the HTTP listener's peer whitelist. */
const LOOPBACK = '127.0.0.1';
/** The listener path the traffic log shows, the one built-in callers use on the HTTP listener. */
const HUB_PATH = '/vp';

/** A request that arrived whole. */
class WholeRequest extends Readable implements ConsumerRequest {
  readonly complete = true;
  readonly url = HUB_PATH;
  readonly socket = { remoteAddress: LOOPBACK };

  constructor(
    readonly headers: IncomingHttpHeaders,
    body: Buffer,
  ) {
    super();
    this.push(body);
    this.push(null);
  }

  override _read(): void {}
}

/** The answer, kept until it ends. */
class CollectedAnswer extends Writable implements ConsumerAnswer {
  headersSent = false;
  status = 0;
  headers: OutgoingHttpHeaders = {};
  readonly chunks: Buffer[] = [];

  writeHead(statusCode: number, headers: OutgoingHttpHeaders): this {
    this.status = statusCode;
    this.headers = headers;
    this.headersSent = true;
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
}

/** The hub destroyed the answer after its status line (an answer cut off while streaming). */
class AnswerCutError extends Error {
  constructor() {
    super('the hub cut the answer off');
    this.name = 'AnswerCutError';
  }
}

/** Runs one call through the hub's step list and resolves with the whole answer. */
export function dispatchInProcess(hub: HubRuntime, call: InProcessCall): Promise<InProcessAnswer> {
  const { signal } = call;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const body = typeof call.body === 'string' ? Buffer.from(call.body) : call.body;
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(call.headers)) headers[name.toLowerCase()] = value;
  headers['content-length'] = String(body.length);
  const res = new CollectedAnswer();
  return new Promise((resolve, reject) => {
    const hangUp = (): void => void res.destroy();
    signal?.addEventListener('abort', hangUp, { once: true });
    res.once('close', () => {
      signal?.removeEventListener('abort', hangUp);
      if (!res.writableFinished) return reject(signal?.aborted ? signal.reason : new AnswerCutError());
      const whole = res.chunks.length === 1 ? res.chunks[0]! : Buffer.concat(res.chunks);
      resolve({ status: res.status, headers: res.headers, body: whole });
    });
    void handleCall(hub, new WholeRequest(headers, body), res, 'http');
  });
}
