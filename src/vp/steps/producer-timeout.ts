/** Step 6, producer read timeout: by exact, case-sensitive namespace, else the default (docs/vp.md). */
import type { HubDeps, VpExchange } from '../exchange.js';

export function chooseProducerTimeout(ex: VpExchange, hub: HubDeps): void {
  ex.producerTimeoutMs = hub.config.producerTimeoutsMs.get(ex.envelope!.namespace) ?? hub.config.defaultProducerTimeoutMs;
}
