/**
 * A bulk order from its REST body to the bytes of its answer, done where the order runs (the catalogue's job
 * worker): the body is parsed and checked there and the report serialized there, so that an order of 20,000
 * rows (8 MB of JSON in, as much out) never holds the main thread's event loop. A body that is not JSON, or
 * not an order, gets the refusal the admin server's parser and request check give every other route.
 */
import { Order } from './api-schemas.js';
import { TAK_BAD_REQUEST } from './errors.js';
import type { OrderReport } from './order.js';
import { parseJsonBody } from '../platform/api/json-body.js';
import { mismatch } from '../platform/api/request-check.js';
import { BAD_BODY, badBodyMessage } from '../platform/body-errors.js';

export interface OrderAnswer {
  status: number;
  /** the answer's JSON text, UTF-8 */
  bytes: Uint8Array;
}

type RunOrder = (input: unknown) => Promise<OrderReport & { dryRun: boolean }>;

const answer = (status: number, value: unknown): OrderAnswer => ({ status, bytes: new TextEncoder().encode(JSON.stringify(value)) });

/**
 * `body`: the raw JSON body, undefined when the request had none of type JSON (checked as `{}`, then refused
 * by the order itself as no object).
 */
export async function answerOrder(body: Uint8Array | undefined, dryRun: boolean, runOrder: RunOrder): Promise<OrderAnswer> {
  let input: unknown;
  try {
    input = body === undefined ? undefined : parseJsonBody(new TextDecoder().decode(body));
  } catch (e) {
    if (e instanceof SyntaxError) return answer(400, { code: BAD_BODY, message: badBodyMessage(e.message) });
    throw e;
  }
  const why = mismatch(Order, 'body', input ?? {});
  if (why) return answer(400, { code: TAK_BAD_REQUEST, message: why });
  return answer(dryRun ? 200 : 201, await runOrder(input));
}
