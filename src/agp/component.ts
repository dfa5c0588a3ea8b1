import type { PlatformComponent, RunningComponent } from '../platform/context.js';
import { createAgent } from '../shared/soap/client.js';
import { AGGREGATED_CONTRACTS, contractKey, type AggregatedContract } from './descriptors/index.js';
import { aggregate } from './aggregate.js';
import { resolveTimeouts } from './timeouts.js';
import { compiledCatalogue } from './catalogue-access.js';
import { withAnswerHeaders } from './answer-headers.js';
import { registerSourceMetrics } from './source-metrics.js';
import { hubSend } from './hub-send.js';
import type { VpApi } from '../vp/index.js';

/** The SOAP path of a contract's aggregating service, e.g. `/agp/GetCareDocumentation/3`. */
export function agpPath(c: AggregatedContract): string {
  return `/agp/${c.interaction}/${c.major}`;
}

/**
 * The aggregating services: one SOAP handler per descriptor, registered with the producers' namespace so that
 * the catalogue routes it at the platform's logical address (docs/agp.md, "Served contracts").
 */
export function createAgpComponent(contracts: readonly AggregatedContract[] = AGGREGATED_CONTRACTS): PlatformComponent {
  return {
    name: 'agp',
    async start(ctx): Promise<RunningComponent> {
      const timeouts = resolveTimeouts(ctx.settings, contracts);
      const dispatcher = createAgent(undefined, { connections: ctx.settings['agp.maxConnections'] as number });
      const eiAddress = (ctx.settings['agp.eiLogicalAddress'] as string) || ctx.platformHsaId;
      const catalogue = compiledCatalogue(ctx.catalogue);
      const calls = new Map<string, number>();
      const sourceCounter = registerSourceMetrics(ctx.metrics);
      const send = hubSend(ctx.settings['agp.sourceCallsInProcess'] as boolean, () => ctx.use<VpApi>('vp'));
      for (const c of contracts) {
        const key = contractKey(c);
        const env = {
          hubCaller: () => ctx.hubCaller,
          instanceId: ctx.instanceId,
          eiAddress,
          selfAddress: ctx.platformHsaId,
          catalogue: catalogue.current,
          dispatcher,
          send,
          timeouts: timeouts.get(key)!,
          now: () => new Date(),
          xmlLimits: ctx.xmlLimits,
          countSources: sourceCounter(c.namespace),
        };
        ctx.soap.register(
          agpPath(c),
          (call) => {
            calls.set(key, (calls.get(key) ?? 0) + 1);
            return aggregate(c, call, env).then((reply) => withAnswerHeaders(reply, call));
          },
          [c.namespace],
        );
      }
      return {
        close: () => {
          catalogue.close();
          return dispatcher.close();
        },
        status: () => ({ contracts: contracts.map(contractKey), calls: Object.fromEntries(calls) }),
      };
    },
  };
}

export const agpComponent: PlatformComponent = createAgpComponent();
