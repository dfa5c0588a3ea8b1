/**
 * The producer call: the request over the shared pool for its scheme (or, to the platform's own services in
 * this process, handed to them in-process), sent a second time after a delay only when the first attempt
 * failed before any request byte was written (docs/vp.md, "What happens to a call").
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';
import { BodyTooLargeError } from '../body-errors.js';
import type { ProducerAgents, ProducerRequest, ProducerResponse, ProducerTransport } from '../producer-agents.js';
import { errorCode, transportFault } from './producer-faults.js';

export interface ProducerDeps extends HubDeps {
  agents: ProducerAgents;
  /** the platform's own services in this process, reached without a socket (undefined: over HTTP) */
  ownServices?: OwnServices;
}

/** A second transport for the producers on one origin. */
export interface OwnServices {
  origin: string;
  transport: ProducerTransport;
}

export interface ProducerAnswer {
  answer: ProducerResponse;
  /** from the first attempt's start to the answer's status line */
  producerMs: number;
}

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

function transportTo(target: Target, hub: ProducerDeps): ProducerTransport {
  if (hub.ownServices?.origin === target.origin) return hub.ownServices.transport;
  return target.https ? hub.agents.https : hub.agents.http;
}

async function send(ex: VpExchange, hub: ProducerDeps): Promise<ProducerResponse> {
  const route = ex.route!;
  const body = ex.requestBody!;
  const target = targetOf(route);
  // The out-headers step made this object for this call alone: the length is added in place.
  const headers = ex.outHeaders!;
  const declared = Number(ex.headers['content-length']);
  // A converted (Latin-1) request's length is known only once it is sent: chunked, or undici counts a buffer.
  if (Number.isInteger(declared) && !ex.envelope!.sourceEncoding) headers['content-length'] = String(declared - ex.envelope!.rawLength + ex.outPrefix!.length);
  const transport = transportTo(target, hub);
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
      return await transport.request(request);
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

/** Sends the call's request to its producer; a failure to get a status line is thrown as its fault. */
export async function callProducer(ex: VpExchange, hub: ProducerDeps): Promise<ProducerAnswer> {
  const started = process.hrtime.bigint();
  const answer = await send(ex, hub);
  return { answer, producerMs: Number(process.hrtime.bigint() - started) / 1e6 };
}
