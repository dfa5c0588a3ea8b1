/**
 * Traffic validation of calls whose contract has a rule (docs/contracts.md, "Traffic validation"). Only such
 * calls are buffered: the request is read to its end before it is forwarded, the producer's answer before it
 * is returned. A call without a rule never comes here and keeps streaming.
 */
import type { Readable } from 'node:stream';
import { vpFault } from './faults.js';
import type { VpExchange } from './exchange.js';
import { RequestBody, restConversion } from './request-body.js';
import { BodyTooLargeError } from './body-errors.js';
import { ContractRefusal, type ContractHooks, type TrafficDirection, type ValidationMode } from './contract-hooks.js';

const EMPTY = Buffer.alloc(0);

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const c of body) chunks.push(c as Buffer);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw vpFault('VP015', e.message);
    throw e;
  }
  return Buffer.concat(chunks);
}

/** Validates a message, keeps its violations on the exchange, and refuses it in strict mode. */
async function check(ex: VpExchange, hooks: ContractHooks, direction: TrafficDirection, mode: ValidationMode, message: Buffer): Promise<void> {
  const namespace = ex.envelope!.namespace;
  const violations = await hooks.validateTraffic(namespace, direction, message.toString('utf8'));
  if (violations.length === 0) return;
  (ex.violations ??= []).push(...violations.map((v) => ({ direction, message: v.message })));
  if (mode !== 'strict') return;
  const fault = hooks.validationFault(direction, namespace, violations);
  throw new ContractRefusal(fault.code, fault.body);
}

/** Reads the rest of the request, validates the whole of it, and returns it ready to forward. */
export async function validatedRequest(
  ex: VpExchange,
  hooks: ContractHooks,
  mode: ValidationMode,
  limitBytes: number,
  tap?: (chunk: Buffer) => void,
): Promise<RequestBody> {
  const env = ex.envelope!;
  const convert = restConversion(env.sourceDecoder);
  const rest = env.complete ? EMPTY : await readAll(new RequestBody(ex.req, { prefix: EMPTY, complete: false, readBytes: env.rawLength, limitBytes, convert }).attempt());
  await check(ex, hooks, 'request', mode, Buffer.concat([env.bytes, rest]));
  return new RequestBody(ex.req, { prefix: Buffer.concat([ex.outPrefix!, rest]), complete: true, readBytes: env.rawLength + rest.length, limitBytes, tap });
}

/** The check a whole 2xx answer gets before it is returned to the consumer. */
export function responseCheck(ex: VpExchange, hooks: ContractHooks, mode: ValidationMode): (answer: Buffer) => Promise<void> {
  return (answer) => check(ex, hooks, 'response', mode, answer);
}
