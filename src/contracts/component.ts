import type { PlatformComponent } from '../platform/context.js';
import { contractsRouter } from './api-router.js';
import { ContractsService, contractsDirOf } from './contracts-service.js';
import { parseRule } from './validation-rules.js';

/** Contracts and conformance (issue 7): provides `contracts` (a ContractsService) to the hub and the console. */
export const contractsComponent: PlatformComponent = {
  name: 'contracts',
  async start(ctx) {
    const service = new ContractsService({
      contractsDir: contractsDirOf(ctx.dataDir, (ctx.settings['contracts.dir'] as string | undefined) ?? ''),
      rules: ((ctx.settings['contracts.validation'] as string[] | undefined) ?? []).map(parseRule),
      log: ctx.log.child({ 'event.module': 'contracts' }),
    });
    ctx.provide('contracts', service);
    ctx.admin.mount('/api/contracts', contractsRouter(service, ctx.admin));
    return {
      close: async () => service.close(),
      status: () => ({ known: service.list().length, validation: service.rules.list(), violations: service.violationCounts() }),
    };
  },
};
