/**
 * The catalogue as a platform part: loads the latest published version into ctx.catalogue, serves the REST
 * API and the registry services, and follows publishes made anywhere (REST, CLI, another process) by
 * polling the newest version id, as tak-monitor does (docs/tak.md, "Edits, publishing, versions"). A switch
 * replaces one reference. The catalogue lives on PostgreSQL when the platform's database is there, else in the
 * SQLite file. Orders, publishes and snapshot loads run in a worker thread (off-thread-service.ts) unless the
 * database is an in-memory SQLite one.
 */
import { SqliteTakStore } from './store-sqlite.js';
import { PgTakStore } from './store-postgres.js';
import { TakService } from './service.js';
import { OffThreadTakService } from './off-thread-service.js';
import { takErrors, takRoutes } from './rest-router.js';
import { TAK_BAD_REQUEST } from './errors.js';
import { REGISTRY_SERVICES } from './registry-services.js';
import { routeBuiltinServices } from './builtin-routes.js';
import { seedDemoOrders } from './demo-seed.js';
import { takSetting } from './settings.js';
import { mountApi } from '../platform/api/mount-api.js';
import { StaticCatalogueSource, type CatalogueSnapshot } from './snapshot.js';
import type { PlatformComponent } from '../platform/context.js';
import { VERSION } from '../platform/version.js';

export const takComponent: PlatformComponent = {
  name: 'tak',
  async start(ctx) {
    const store = ctx.postgres ? new PgTakStore(ctx.postgres) : new SqliteTakStore(ctx.db);
    const service = ctx.postgres ? new OffThreadTakService(store, ctx.database)
      : ctx.db.memory ? new TakService(store) : new OffThreadTakService(store, { kind: 'sqlite', file: ctx.db.name });
    const log = ctx.log.child({ 'event.module': 'tak' });
    const source = ctx.catalogue as StaticCatalogueSource;
    let active: number | undefined;
    const activate = (snapshot: CatalogueSnapshot): Promise<void> => {
      active = snapshot.version;
      log.info('catalogue version active', { version: snapshot.version, routes: snapshot.routes.length, permissions: snapshot.permissions.length });
      return source.set(snapshot);
    };
    service.onChange(activate);
    ctx.metrics.gauge('ntjp_tak_active_version', 'Version of the catalogue published last and active (0 before the first).', [], (gauge) => gauge.set(active ?? 0));

    if (takSetting<boolean>(ctx.settings, 'tak.seedDemo')) {
      const applied = await store.exclusively(() => seedDemoOrders(service, takSetting<string>(ctx.settings, 'tak.demoOrdersDir')));
      if (applied > 0) log.info('demo orders applied', { orders: applied });
    }
    const latest = await service.latestSnapshot();
    if (latest) await activate(latest);

    const badInput = TAK_BAD_REQUEST;
    mountApi(ctx.admin, { prefix: '/api/tak', routes: takRoutes(service, ctx.xmlLimits), codes: { params: badInput, query: badInput, body: badInput }, onError: takErrors });
    const registry = { snapshot: () => source.current(), version: VERSION };
    for (const s of REGISTRY_SERVICES) ctx.soap.register(s.path, (call) => s.handle(registry, call), s.namespaces);

    // Instances starting together on one database take turns (exclusively), so neither's start fails on the other's edit.
    ctx.afterStart(() => store.exclusively(() => routeBuiltinServices(service, ctx.soap.services(), ctx.platformHsaId)));

    // A poll failure (locked or busy database) keeps the active version; the next poll tries again.
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      service.newerSnapshot(() => active)
        .then(async (snapshot) => {
          if (snapshot) await activate(snapshot);
        })
        .catch((e: Error) => log.warn('catalogue poll failed', { error: e.message }))
        .finally(() => (polling = false));
    }, takSetting<number>(ctx.settings, 'tak.pollIntervalMs'));
    timer.unref();
    ctx.provide('tak', service);
    return {
      close: async () => {
        clearInterval(timer);
        await service.close();
      },
      status: () => ({ activeVersion: active ?? null, routes: source.current()?.routes.length ?? 0, permissions: source.current()?.permissions.length ?? 0 }),
    };
  },
};
