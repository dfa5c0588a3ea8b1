/** Step 7, producer read timeout: by exact, case-sensitive namespace, else the default (spec §4). */
import type { HubDeps, VpExchange } from '../exchange.js';

export function chooseProducerTimeout(ex: VpExchange, hub: HubDeps): void {
  ex.producerTimeoutMs = hub.config.producerTimeoutsMs.get(ex.envelope!.namespace) ?? hub.config.defaultProducerTimeoutMs;
}
