/**
 * Step 3, original consumer (docs/vp.md, "What happens to a call"): an external sender may set
 * x-rivta-original-serviceconsumer-hsaid only when on the allow list (empty = everyone); when the header is
 * absent or empty it becomes the sender. It is never used for routing.
 */
import { HEADER } from '../headers.js';
import { vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';

export function checkOriginalConsumer(ex: VpExchange, hub: HubDeps): void {
  const raw = ex.headers[HEADER.originalConsumer];
  const given = Array.isArray(raw) ? raw[0] : raw;
  const sender = ex.sender!;
  const { originalConsumerAllowList: allowList, throwVp013 } = hub.config;
  if (given && !ex.internal && allowList.length > 0 && !allowList.includes(sender.toLowerCase())) {
    if (throwVp013) throw vpFault('VP013');
    hub.log.warn('sender is not approved to set x-rivta-original-serviceconsumer-hsaid', { 'trace.id': ex.correlationId, 'labels.senderid': sender });
  }
  ex.originalConsumer = given || sender;
}
