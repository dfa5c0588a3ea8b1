import type { PlatformContext } from '../../platform/context.js';
import { mountApi } from '../../platform/api/mount-api.js';
import type { VpApi } from '../../vp/index.js';
import type { ContractsService } from '../contracts-service.js';
import { addDeadlineGauge } from './deadline-metric.js';
import { LifecycleService } from './lifecycle-service.js';
import { lifecycleRoutes } from './rest-router.js';

export interface RunningLifecycle {
  service: LifecycleService;
  close(): Promise<void>;
}

/**
 * The lifecycle on a running platform: counts every call the hub logs (sender, contract, day), flushed to
 * the database every `contracts.usageFlushMs` (later while another connection is writing) and at close; serves `/api/lifecycle` and the deadline gauge.
 */
export async function startLifecycle(ctx: PlatformContext, contracts: ContractsService, hub: VpApi | undefined, flushMs: number): Promise<RunningLifecycle> {
  const service = await LifecycleService.open({ host: ctx, contracts, catalogue: () => ctx.catalogue.current() });
  const log = ctx.log.child({ 'event.module': 'contracts-lifecycle' });
  const unsubscribe = hub?.traffic.subscribe((call) => service.usage.record(call));
  const timer = setInterval(() => service.usage.flush({ waitForLock: false }).catch((e: Error) => log.warn('usage flush failed', { error: e.message })), flushMs);
  timer.unref();
  mountApi(ctx.admin, { prefix: '/api/lifecycle', routes: lifecycleRoutes(service) });
  addDeadlineGauge(ctx.metrics, () => service.report());
  return {
    service,
    async close() {
      unsubscribe?.();
      clearInterval(timer);
      await service.usage.flush();
    },
  };
}
