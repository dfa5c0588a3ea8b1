/**
 * The last step: the request as it goes to the producer, and the check its answer gets on the way back.
 * Contracts without a traffic validation rule pay one lookup and keep streaming; a rule reads the request
 * (or the 2xx answer) whole first (docs/contracts.md, "Traffic validation").
 */
import type { HubDeps, VpExchange } from '../exchange.js';
import { RequestBody, restConversion } from '../request-body.js';
import { responseCheck, validatedRequest } from '../contract-validation.js';

export function prepareRequest(ex: VpExchange, hub: HubDeps): void | Promise<void> {
  const env = ex.envelope!;
  const hooks = hub.contracts;
  const modes = hooks?.validationModes(env.namespace);
  const tap = ex.capture?.request.tap;
  if (modes && modes.response !== 'off') ex.answerCheck = responseCheck(ex, hooks!, modes.response);
  if (modes && modes.request !== 'off') {
    return validatedRequest(ex, hooks!, modes.request, hub.config.maxBodyBytes, tap).then((body) => void (ex.requestBody = body));
  }
  const parts = { prefix: ex.outPrefix!, complete: env.complete, readBytes: env.rawLength, limitBytes: hub.config.maxBodyBytes, tap, convert: restConversion(env.sourceDecoder) };
  ex.requestBody = new RequestBody(ex.req, parts);
}
