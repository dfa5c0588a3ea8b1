/**
 * After the last step: the producer call, then its answer relayed to the consumer. A 2xx with a body passes
 * verbatim, streamed unless traffic validation checks it whole; a 500 carrying a SOAP 1.1 envelope passes
 * through; anything else, an empty 2xx, a timeout or a transport error is VP009 (docs/vp.md, "What happens
 * to a call"). An answer cut off after its status line went out is recorded as `answer-cut`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { NS, SOAP_CONTENT_TYPE } from '../../shared/soap/namespaces.js';
import { CONSUMER_OWN, HEADER, STRIP_TO_CONSUMER } from '../headers.js';
import type { VpExchange } from '../exchange.js';
import type { ConsumerAnswer } from '../consumer.js';
import { fromUtf8 } from '../charset.js';
import { callProducer, type ProducerDeps } from './producer-call.js';
import type { ProducerResponse } from '../producer-agents.js';
import { emptyAnswer, producerFault, tooLargeInfo, transportFault } from './producer-faults.js';
import { firstChunk, readAtMost, streamRest } from './answer-stream.js';

export interface ForwardResult {
  outcome: 'ok' | 'producer-fault' | 'answer-cut';
  httpStatus: number;
  producerMs: number;
  /** set with `answer-cut`: the answer streaming on was cut off after its status line went out */
  faultCode?: 'VP009';
  reason?: string;
}

/** One producer answer on its way to the consumer. */
interface Relay {
  ex: VpExchange;
  res: ConsumerAnswer;
  answer: ProducerResponse;
  producerMs: number;
  limit: number;
  encode: (c: Buffer) => Buffer;
}

const unchanged = (c: Buffer): Buffer => c;

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

/** The status line and headers, then the answer's first bytes (the capture sees them too); `last` ends it. */
function writeAnswer(r: Relay, bytes: Buffer, last: boolean): void {
  r.res.writeHead(r.answer.statusCode, consumerHeaders(r.answer.headers, r.ex, r.producerMs));
  r.ex.capture?.response.tap(bytes);
  if (last) r.res.end(r.encode(bytes));
  else r.res.write(r.encode(bytes));
}

const readOrFault = <T>(r: Relay, reading: Promise<T>): Promise<T> =>
  reading.catch((e: unknown) => {
    throw transportFault(r.ex.route!.url, e);
  });

/** A 2xx answer that traffic validation checks: read whole, checked, then returned in one write. */
async function relayChecked(r: Relay, check: (answer: Buffer) => Promise<void>): Promise<ForwardResult> {
  const url = r.ex.route!.url;
  const whole = await readOrFault(r, readAtMost(r.answer.body, r.limit));
  if (!whole) throw producerFault(url, tooLargeInfo(r.limit));
  if (whole.length === 0) throw emptyAnswer(url, r.answer.statusCode);
  await check(whole);
  writeAnswer(r, whole, true);
  return { outcome: 'ok', httpStatus: r.answer.statusCode, producerMs: r.producerMs };
}

/** A 2xx answer streamed on once its first chunk shows it is not empty. */
async function relayStreamed(r: Relay): Promise<ForwardResult> {
  const { answer } = r;
  const first = await readOrFault(r, firstChunk(answer.body));
  if (!first) throw emptyAnswer(r.ex.route!.url, answer.statusCode);
  const result: ForwardResult = { outcome: 'ok', httpStatus: answer.statusCode, producerMs: r.producerMs };
  if (Number(answer.headers['content-length']) === first.length) {
    // The whole answer came in one chunk: one write, headers and body together.
    answer.body.resume().on('error', () => undefined);
    writeAnswer(r, first, true);
    return result;
  }
  writeAnswer(r, first, false);
  // The call is recorded when the consumer's connection finishes or closes, after any cut.
  const cut = (reason: string): void => void Object.assign(result, { outcome: 'answer-cut', faultCode: 'VP009', reason });
  streamRest(answer.body, r.res, first.length, r.limit, r.encode, cut, r.ex.capture?.response.tap);
  return result;
}

export async function forward(ex: VpExchange, hub: ProducerDeps, res: ConsumerAnswer): Promise<ForwardResult> {
  const { answer, producerMs } = await callProducer(ex, hub);
  const url = ex.route!.url;
  const limit = hub.config.maxBodyBytes;
  const encoding = ex.envelope!.sourceEncoding;
  const r: Relay = { ex, res, answer, producerMs, limit, encode: encoding ? fromUtf8(encoding) : unchanged };
  const status = answer.statusCode;
  if (status >= 200 && status < 300) {
    if (Number(answer.headers['content-length']) > limit) {
      answer.body.destroy();
      throw producerFault(url, tooLargeInfo(limit, `response of ${answer.headers['content-length']} bytes`));
    }
    return ex.answerCheck ? relayChecked(r, ex.answerCheck) : relayStreamed(r);
  }
  if (status === 500) {
    const fault = await readOrFault(r, readAtMost(answer.body, limit));
    if (fault && fault.includes(NS.soap11)) {
      writeAnswer(r, fault, true);
      return { outcome: 'producer-fault', httpStatus: 500, producerMs };
    }
  } else answer.body.resume().on('error', () => undefined);
  throw producerFault(url, `HttpStatus: producer answered with HTTP status ${status}`, status);
}
