/**
 * Step 9b, the producer call (shared/spec/vp-and-tak.md §3 "Producer outcomes", §4): stream the request
 * over the shared pool, one retry after a delay only for connection errors, and stream the answer back.
 * A 2xx with a body passes verbatim; a 500 carrying a SOAP 1.1 envelope passes through; anything else,
 * an empty 2xx, a timeout or a transport error is VP009 (with the HTTP status when there was one).
 */
import { STATUS_CODES, type ServerResponse, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { NS, SOAP_CONTENT_TYPE } from '../../shared/soap/namespaces.js';
import { CONSUMER_OWN, HEADER, STRIP_TO_CONSUMER } from '../headers.js';
import { VpFault, vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';
import type { RequestBody } from '../request-body.js';
import { BodyTooLargeError } from '../body-errors.js';
import type { ProducerAgents, ProducerRequest } from '../producer-agents.js';
import { fromUtf8 } from '../charset.js';

export interface ForwardResult {
  outcome: 'ok' | 'producer-fault' | 'answer-cut';
  httpStatus: number;
  producerMs: number;
  /** set with `answer-cut`: the answer streaming on was cut off after its status line went out */
  faultCode?: 'VP009';
  reason?: string;
}

export interface ForwardDeps extends HubDeps {
  agents: ProducerAgents;
}

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TIMEOUT_TEXT = 'Timeout when waiting on response from producer.';

interface Target {
  origin: string;
  path: string;
  https: boolean;
}
const targets = new WeakMap<object, Target>();

function targetOf(route: { url: string }): Target {
  let t = targets.get(route);
  if (!t) {
    const u = new URL(route.url);
    t = { origin: u.origin, path: u.pathname + u.search, https: u.protocol === 'https:' };
    targets.set(route, t);
  }
  return t;
}

const errorCode = (e: unknown): string => (e as { code?: string }).code ?? (e as Error).name ?? 'Error';

function producerFault(url: string, info: string, status?: number): VpFault {
  return vpFault('VP009', url, info, status === undefined ? '' : `\nVP_PRODUCER_EXCEPTION_HTTP_STATUS=${status}`);
}

function emptyAnswer(url: string, status: number): VpFault {
  // Worded like the real VP, which names the status with its reason phrase ("200 OK").
  return producerFault(url, `EmptyResponse: Empty message when server responded with status code: ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(), status);
}

function transportFault(url: string, e: unknown): VpFault {
  const code = errorCode(e);
  return producerFault(url, TIMEOUTS.has(code) ? `${code}: ${TIMEOUT_TEXT}` : `${code}: ${(e as Error).message}`);
}

/** Resolves with the first chunk, or null when the body ends empty. */
function firstChunk(body: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      body.off('data', onData).off('end', onEnd).off('error', reject);
    };
    const onData = (c: Buffer): void => {
      body.pause();
      done();
      resolve(c);
    };
    const onEnd = (): void => {
      done();
      resolve(null);
    };
    body.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** The whole body when it fits in `limit` bytes, else undefined (the rest is discarded). */
async function readAtMost(body: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    size += (c as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks, size);
}

function consumerHeaders(h: IncomingHttpHeaders, ex: VpExchange, producerMs: number): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(h)) {
    if (value !== undefined && !CONSUMER_OWN.has(name) && !STRIP_TO_CONSUMER.test(name)) out[name] = value;
  }
  const encoding = ex.envelope!.sourceEncoding;
  out['content-type'] = encoding ? `text/xml; charset=${encoding}` : SOAP_CONTENT_TYPE;
  // A converted answer's length is known only once it is written.
  if (encoding) delete out['content-length'];
  out[HEADER.correlationId] = ex.correlationId;
  out[HEADER.producerRoundTrip] = String(Math.round(producerMs));
  return out;
}

/** Streams the rest of the producer's answer, cutting the consumer off if it grows past the limit. */
function streamRest(body: Readable, res: ServerResponse, sentBytes: number, limit: number, encode: (c: Buffer) => Buffer, cut: (reason: string) => void, tap?: (c: Buffer) => void): void {
  // A short answer may have ended while the first chunk was being looked at.
  if (body.readableEnded) {
    res.end();
    return;
  }
  let size = sentBytes;
  // Destroying the body makes it emit an abort error: no news when the hub did it.
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    body.destroy();
  };
  body.on('data', (c: Buffer) => {
    size += c.length;
    // Headers are gone already: a too-large chunked answer can only be cut (docs/vp.md).
    if (size > limit) {
      cut(`ResponseTooLarge: response is larger than the limit of ${limit} bytes`);
      stop();
      res.destroy();
      return;
    }
    tap?.(c);
    if (!res.write(encode(c))) {
      body.pause();
      res.once('drain', () => body.resume());
    }
  });
  body.once('end', () => res.end());
  body.once('error', (e: unknown) => {
    if (!stopped) cut(`${errorCode(e)}: ${(e as Error).message}`);
    res.destroy();
  });
  res.once('close', () => {
    if (!res.writableFinished) stop();
  });
  body.resume();
}

async function send(ex: VpExchange, hub: ForwardDeps, body: RequestBody): Promise<Dispatcher.ResponseData> {
  const route = ex.route!;
  const target = targetOf(route);
  // The out-headers step made this object for this call alone: the length is added in place.
  const headers = ex.outHeaders!;
  const declared = Number(ex.headers['content-length']);
  // A converted (Latin-1) request's length is known only once it is sent: chunked, or undici counts a buffer.
  if (Number.isInteger(declared) && !ex.envelope!.sourceEncoding) headers['content-length'] = String(declared - ex.envelope!.rawLength + ex.outPrefix!.length);
  const dispatcher = target.https ? hub.agents.https : hub.agents.http;
  for (let attempt = 0; ; attempt++) {
    // Only a call that never reached a connection (refused, DNS, connect timeout, TLS handshake) is sent
    // again: a producer that has read a request may have acted on it, answered or not (docs/vp.md).
    let written = false;
    const request: ProducerRequest = {
      origin: target.origin,
      path: target.path,
      method: 'POST',
      headers,
      body: body.whole() ?? body.attempt(),
      headersTimeout: ex.producerTimeoutMs,
      bodyTimeout: ex.producerTimeoutMs,
      onWriteStart: () => void (written = true),
    };
    try {
      return await dispatcher.request(request);
    } catch (e) {
      if (body.failure instanceof BodyTooLargeError) throw vpFault('VP015', body.failure.message);
      if (body.failure) throw body.failure;
      if (attempt === 0 && !written) {
        hub.log.debug('producer connection failed, retrying once', { 'trace.id': ex.correlationId, 'url.original': route.url, error: errorCode(e) });
        await sleep(hub.config.retryDelayMs);
        continue;
      }
      throw transportFault(route.url, e);
    }
  }
}

export async function forward(
  ex: VpExchange,
  hub: ForwardDeps,
  res: ServerResponse,
  body: RequestBody,
  responseTap?: (c: Buffer) => void,
  /** traffic validation of a 2xx answer: it is then read whole first (issue 7 §4) */
  checkAnswer?: (answer: Buffer) => Promise<void>,
): Promise<ForwardResult> {
  const url = ex.route!.url;
  const limit = hub.config.maxBodyBytes;
  const encoding = ex.envelope!.sourceEncoding;
  const encode = encoding ? fromUtf8(encoding) : (c: Buffer): Buffer => c;
  const started = process.hrtime.bigint();
  const answer = await send(ex, hub, body);
  const producerMs = Number(process.hrtime.bigint() - started) / 1e6;
  const status = answer.statusCode;
  if (status >= 200 && status < 300) {
    if (Number(answer.headers['content-length']) > limit) {
      answer.body.destroy();
      throw producerFault(url, `ResponseTooLarge: response of ${answer.headers['content-length']} bytes is larger than the limit of ${limit} bytes`);
    }
    if (checkAnswer) {
      const whole = await readAtMost(answer.body, limit).catch((e: unknown) => {
        throw transportFault(url, e);
      });
      if (!whole) throw producerFault(url, `ResponseTooLarge: response is larger than the limit of ${limit} bytes`);
      if (whole.length === 0) throw emptyAnswer(url, status);
      await checkAnswer(whole);
      res.writeHead(status, consumerHeaders(answer.headers, ex, producerMs));
      responseTap?.(whole);
      res.end(encode(whole));
      return { outcome: 'ok', httpStatus: status, producerMs };
    }
    const first = await firstChunk(answer.body).catch((e: unknown) => {
      throw transportFault(url, e);
    });
    if (!first) throw emptyAnswer(url, status);
    res.writeHead(status, consumerHeaders(answer.headers, ex, producerMs));
    responseTap?.(first);
    const result: ForwardResult = { outcome: 'ok', httpStatus: status, producerMs };
    if (Number(answer.headers['content-length']) === first.length) {
      // The whole answer came in one chunk: one write, headers and body together.
      answer.body.resume().on('error', () => undefined);
      res.end(encode(first));
    } else {
      res.write(encode(first));
      // The call is recorded when the consumer's connection finishes or closes, after any cut.
      const cut = (reason: string): void => void Object.assign(result, { outcome: 'answer-cut', faultCode: 'VP009', reason });
      streamRest(answer.body, res, first.length, limit, encode, cut, responseTap);
    }
    return result;
  }
  if (status === 500) {
    const fault = await readAtMost(answer.body, limit).catch((e: unknown) => {
      throw transportFault(url, e);
    });
    if (fault && fault.includes(NS.soap11)) {
      responseTap?.(fault);
      res.writeHead(500, consumerHeaders(answer.headers, ex, producerMs));
      res.end(encode(fault));
      return { outcome: 'producer-fault', httpStatus: 500, producerMs };
    }
  } else answer.body.resume().on('error', () => undefined);
  throw producerFault(url, `HttpStatus: producer answered with HTTP status ${status}`, status);
}
