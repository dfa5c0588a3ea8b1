import type { PlatformComponent, PlatformContext } from '../platform/context.js';
import type { VpApi } from '../vp/index.js';
import { contractsRoutes } from './api-router.js';
import { mountApi } from '../platform/api/mount-api.js';
import { ContractsService, contractsDirOf } from './contracts-service.js';
import { importLimitsOf } from './import-limits.js';
import { parseRule } from './validation-rules.js';
import { startLifecycle } from './lifecycle/start-lifecycle.js';

/** The hub, when this platform runs one (tools and some tests start the contracts component alone). */
function hubOf(ctx: PlatformContext): VpApi | undefined {
  try {
    return ctx.use<VpApi>('vp');
  } catch {
    return undefined;
  }
}

/** Contracts and conformance: provides `contracts` (a ContractsService) to the hub and the console. */
export const contractsComponent: PlatformComponent = {
  name: 'contracts',
  async start(ctx) {
    const service = new ContractsService({
      contractsDir: contractsDirOf(ctx.dataDir, (ctx.settings['contracts.dir'] as string | undefined) ?? ''),
      rules: ((ctx.settings['contracts.validation'] as string[] | undefined) ?? []).map(parseRule),
      log: ctx.log.child({ 'event.module': 'contracts' }),
      importLimits: importLimitsOf(ctx.settings),
    });
    ctx.provide('contracts', service);
    const hub = hubOf(ctx);
    hub?.setContractHooks(service);
    const lifecycle = await startLifecycle(ctx, service, hub, (ctx.settings['contracts.usageFlushMs'] as number | undefined) ?? 5000);
    ctx.provide('lifecycle', lifecycle.service);
    mountApi(ctx.admin, { prefix: '/api/contracts', routes: contractsRoutes(service, lifecycle.service) });
    return {
      close: async () => {
        hub?.setContractHooks(undefined);
        await lifecycle.close();
        service.close();
      },
      status: () => ({ known: service.list().length, validation: service.rules.list(), violations: service.violationCounts() }),
    };
  },
};
