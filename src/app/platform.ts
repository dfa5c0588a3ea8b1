import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Settings } from '../config/load.js';
import { createLogger, logFormatFor, type Logger, type LogLevel } from '../shared/log.js';
import { openDatabase } from '../store/database.js';
import { databaseTarget } from '../store/database-target.js';
import { openPostgres } from '../store/postgres.js';
import { StaticCatalogueSource } from '../tak/snapshot.js';
import { createSoapServer } from '../platform/soap-server.js';
import { createAdminServer } from '../platform/admin-server.js';
import { createAdminHttpsServer } from '../platform/admin-https.js';
import type { PlatformComponent, PlatformContext, RunningComponent } from '../platform/context.js';
import { VERSION } from '../platform/version.js';
import { databaseFile } from '../platform/settings.js';
import { MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from '../shared/metrics.js';
import { xmlLimitsFrom } from '../shared/xml/limits.js';
import { mountApi } from '../platform/api/mount-api.js';
import { statusRoutes } from '../platform/status-routes.js';
import { closeServer, listen } from '../shared/listen.js';

export interface Platform {
  ctx: PlatformContext;
  /** actual ports (a setting of 0 picks a free one) */
  adminUrl: string;
  /** the same admin server over HTTPS (undefined when `platform.adminHttpsPort` is -1) */
  adminHttpsUrl?: string;
  servicesBaseUrl: string;
  close(): Promise<void>;
}

function operatorToken(settings: Settings, dataDir: string): { token: string; source: string } {
  const given = settings['platform.operatorToken'] as string;
  if (given) return { token: given, source: 'the platform.operatorToken setting' };
  const file = resolve(dataDir, 'operator-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), source: file };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(18).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return { token, source: file };
}

/** Starts the given components in order on one shared context; closes them in reverse order. */
export async function startPlatform(settings: Settings, components: PlatformComponent[], log?: Logger): Promise<Platform> {
  const logger =
    log ?? createLogger(settings['platform.logLevel'] as LogLevel, {}, undefined, logFormatFor(settings['platform.logFormat'] as string, process.stdout.isTTY === true));
  const host = settings['platform.host'] as string;
  const dataDir = settings['platform.dataDir'] as string;
  const db = openDatabase(databaseFile(settings));
  const database = databaseTarget(settings);
  const postgres = database.kind === 'postgres' ? openPostgres(database.url, { applicationName: `ntjp ${settings['platform.instanceId'] as string}` }) : undefined;
  const { token, source: operatorTokenSource } = operatorToken(settings, dataDir);
  // Made anew at every start and known only in this process: the hub sends it, nothing outside can.
  const servicesSecret = randomBytes(24).toString('base64url');
  const xmlLimits = xmlLimitsFrom(settings);
  const soap = createSoapServer(logger.child({ 'event.module': 'soap-services' }), { secret: servicesSecret, xmlLimits });
  const admin = createAdminServer(token, settings['platform.operatorHsaIds'] as string[], logger.child({ 'event.module': 'admin' }));
  const metrics = new MetricsRegistry();
  const apis = new Map<string, unknown>();
  const startedAt = Date.now();
  const afterStartHooks: Array<() => Promise<void>> = [];
  const servicesPort = await listen(soap.server, settings['platform.servicesPort'] as number, host);
  const adminPort = await listen(admin.server, settings['platform.adminPort'] as number, host);
  const publicHost = settings['platform.publicHost'] as string;
  const servicesBaseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${servicesPort}`;
  const adminUrl = `http://${publicHost}:${adminPort}`;
  const adminHttpsPortSetting = settings['platform.adminHttpsPort'] as number;
  const adminHttps = adminHttpsPortSetting >= 0 ? createAdminHttpsServer(admin.handler, settings, settings['platform.certsDir'] as string) : undefined;
  const adminHttpsUrl = adminHttps && `https://${publicHost}:${await listen(adminHttps, adminHttpsPortSetting, host)}`;
  const urls = new Map([['REST API, status and console', adminUrl]]);
  if (adminHttpsUrl) urls.set('Same, HTTPS (operator certificate)', adminHttpsUrl);
  const ctx: PlatformContext = {
    settings,
    log: logger,
    db,
    database,
    ...(postgres ? { postgres } : {}),
    dataDir,
    certsDir: settings['platform.certsDir'] as string,
    instanceId: settings['platform.instanceId'] as string,
    instanceName: settings['platform.instanceName'] as string,
    platformHsaId: settings['platform.hsaId'] as string,
    xmlLimits,
    soap,
    servicesBaseUrl,
    servicesSecret,
    admin,
    metrics,
    operatorToken: token,
    operatorTokenSource,
    catalogue: new StaticCatalogueSource(),
    // The hub component sets the URL once its HTTP listener is up.
    hubCaller: { kind: 'internal', url: '', senderId: settings['platform.hsaId'] as string, instanceId: settings['platform.instanceId'] as string },
    provide(name, api) {
      if (apis.has(name)) throw new Error(`component API ${name} provided twice`);
      apis.set(name, api);
    },
    use<T>(name: string): T {
      if (!apis.has(name)) throw new Error(`component API ${name} is not available (is the component started before its user?)`);
      return apis.get(name) as T;
    },
    urls,
    afterStart: (hook) => void afterStartHooks.push(hook),
  };
  const running: Array<{ name: string; component: RunningComponent }> = [];
  mountApi(admin, {
    prefix: '',
    routes: statusRoutes({
      health: (_req, res) => void res.json({ status: 'UP' }),
      metrics: (_req, res, next) => void metrics.render().then((text) => res.type(PROMETHEUS_CONTENT_TYPE).send(text), next),
      status: async (_req, res) => {
        const headline: Record<string, unknown> = {};
        const parts: Record<string, unknown> = {};
        for (const r of running) {
          Object.assign(headline, r.component.statusHeadline?.());
          if (r.component.status) parts[r.name] = await r.component.status();
        }
        const status = { ...headline, name: ctx.instanceName, instanceId: ctx.instanceId, version: VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), ...parts };
        // Indented like the real VP's status, for probes that match its text with regexes.
        res.type('application/json').send(JSON.stringify(status, null, 2));
      },
    }),
  });

  const close = async (): Promise<void> => {
    for (const r of running.reverse()) await r.component.close().catch((e: Error) => logger.error('close failed', { component: r.name, error: e.message }));
    await closeServer(admin.server);
    if (adminHttps) await closeServer(adminHttps);
    await closeServer(soap.server);
    db.close();
    await postgres?.end();
  };
  try {
    for (const c of components) {
      running.push({ name: c.name, component: await c.start(ctx) });
      logger.debug('component started', { component: c.name });
    }
    for (const hook of afterStartHooks) await hook();
  } catch (e) {
    await close();
    throw e;
  }
  return { ctx, adminUrl, adminHttpsUrl, servicesBaseUrl, close };
}
