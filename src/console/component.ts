import type { PlatformComponent, PlatformContext } from '../platform/context.js';
import { AvailabilityMonitor } from './availability/monitor.js';
import type { AvailabilityStore } from './availability/store.js';
import { openAvailabilityStore } from './availability/open-store.js';
import { MinuteRollup } from './dashboard/minute-rollup.js';
import type { VpApi } from '../vp/index.js';
import { createRestClient } from './rest-client.js';
import { consoleRouter } from './router.js';
import { consoleSettings } from './settings.js';

export interface ConsoleApi {
  /** the availability record: observations and planned outages */
  availability: AvailabilityStore;
  /** probes every producer in the catalogue once; resolves to the number of (producer, contract) probes */
  probeAll(): Promise<number>;
}

function settingOf(settings: Record<string, unknown>, key: string): number {
  return (settings[key] ?? consoleSettings.find((s) => s.key === key)!.default) as number;
}

/** The hub's in-process traffic log, or undefined on a platform without the hub. */
function hubTraffic(ctx: PlatformContext): VpApi['traffic'] | undefined {
  try {
    return ctx.use<VpApi>('vp').traffic;
  } catch {
    return undefined;
  }
}

/** The web console (docs/console.md): pages under /console on the admin server, and the availability record. */
export function createConsoleComponent(clock: () => number = Date.now): PlatformComponent {
  return {
    name: 'console',
    async start(ctx) {
      const store = await openAvailabilityStore(ctx);
      const monitor = new AvailabilityMonitor({
        store,
        catalogue: ctx.catalogue,
        clock,
        log: ctx.log.child({ 'event.module': 'console-availability' }),
        probeIntervalMs: settingOf(ctx.settings, 'console.probeIntervalMs'),
        probeTimeoutMs: settingOf(ctx.settings, 'console.probeTimeoutMs'),
        platformServices: { baseUrl: ctx.servicesBaseUrl, secret: ctx.servicesSecret },
      });
      const rollup = new MinuteRollup(clock);
      const deps = { ctx, rest: createRestClient(ctx.admin, ctx.operatorToken), availability: { store, monitor }, rollup, clock, startedAtMs: clock() };
      ctx.admin.app.get('/', (_req, res) => res.redirect(302, '/console/'));
      ctx.admin.mount('/console', consoleRouter(deps));
      // Without the hub (a console-only platform in tests) availability is fed by probes alone.
      const unsubscribe = hubTraffic(ctx)?.subscribe((call) => {
        monitor.recordCall(call);
        rollup.record(call);
      });
      monitor.start();
      ctx.provide<ConsoleApi>('console', { availability: store, probeAll: () => monitor.probeAll() });
      ctx.urls.set('Web console', `${ctx.urls.get('REST API, status and console') ?? ''}/console/`);
      return {
        async close() {
          unsubscribe?.();
          await monitor.stop();
        },
        status: async () => ({ availabilityKeys: (await store.keys()).length, probeIntervalMs: settingOf(ctx.settings, 'console.probeIntervalMs') }),
      };
    },
  };
}

export const consoleComponent: PlatformComponent = createConsoleComponent();
