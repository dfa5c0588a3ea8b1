/**
 * Starts reference systems next to a running platform and connects them: start every system (ports known),
 * order and publish their routes and permissions in the catalogue, then let each announce itself (EI).
 */
import type { PlatformContext } from '../platform/context.js';
import type { TakService } from '../tak/index.js';
import type { AdaptersApi } from '../adapters/index.js';
import { demoCatalogueOrder } from './demo/catalogue-order.js';
import { demoPublicationDates, LEGACY_CONSUMERS } from './demo/lifecycle-demo.js';
import type { LifecycleService } from '../contracts/index.js';
import { putFormatMappings } from './demo/format-mappings.js';
import { localToday } from '../shared/local-time.js';
import { contractPath, type ReferenceSystem, type ReferenceSystemEnv, type RunningReferenceSystem } from './reference-system.js';

export interface StartedSystem {
  system: ReferenceSystem;
  running: RunningReferenceSystem;
}

export interface RunnerOptions {
  /** env shared by all systems; `port` is taken from `portOf` */
  env: Omit<ReferenceSystemEnv, 'port'>;
  portOf(system: ReferenceSystem): number;
  citizenHsaId: string;
}

export async function startAndConnect(ctx: PlatformContext, systems: ReferenceSystem[], opts: RunnerOptions): Promise<StartedSystem[]> {
  const started: StartedSystem[] = [];
  const closeAll = async (): Promise<void> => {
    for (const s of started.reverse()) await s.running.close();
  };
  try {
    for (const system of systems) started.push({ system, running: await system.start({ ...opts.env, port: opts.portOf(system) }) });
    const tak = ctx.use<TakService>('tak');
    const platformNamespaces = new Set(ctx.soap.services().flatMap((s) => s.namespaces));
    const mappings = started.flatMap((s) => s.system.formatMappings?.(s.running.url) ?? []);
    const adapters = mappings.length > 0 ? ctx.use<AdaptersApi>('adapters') : undefined;
    const order = demoCatalogueOrder({
      systems: started.map((s) => ({ system: s.system, url: s.running.url })),
      citizenHsaId: opts.citizenHsaId,
      platformHsaId: ctx.platformHsaId,
      platformNamespaces,
      pathOf: contractPath,
      today: localToday(),
      catalogueOnly: opts.env.demoData ? LEGACY_CONSUMERS : [],
      adapterUrl: adapters && ((format) => adapters.urls[format as keyof AdaptersApi['urls']]),
    });
    await tak.order(order, { dryRun: false, user: 'ntjp start' });
    await putFormatMappings(tak, mappings, 'ntjp start');
    await tak.publish('ntjp start', 'demo reference systems');
    if (opts.env.demoData) await setDemoPublicationDates(ctx);
    await waitForCatalogue(ctx, (order.inkludera as { vagval: Array<{ adress: string }> }).vagval.map((v) => v.adress), mappings.length);
    for (const s of started) await s.running.announce?.();
    return started;
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** The demo's publication dates, where the platform runs the lifecycle and no date was corrected before. */
async function setDemoPublicationDates(ctx: PlatformContext): Promise<void> {
  let lifecycle: LifecycleService;
  try {
    lifecycle = ctx.use<LifecycleService>('lifecycle');
  } catch {
    return;
  }
  const corrected = await lifecycle.dates.corrections();
  for (const d of demoPublicationDates(localToday())) if (!corrected.has(d.namespace)) await lifecycle.correct(d.namespace, d.published, 'demo');
}

const CATALOGUE_WAIT_MS = 10_000;

/** The hub routes from ctx.catalogue, which switches on publish; wait (bounded) until it has our routes and mappings. */
async function waitForCatalogue(ctx: PlatformContext, addresses: string[], mappings: number): Promise<void> {
  const deadline = Date.now() + CATALOGUE_WAIT_MS;
  while (Date.now() < deadline) {
    const current = ctx.catalogue.current();
    const urls = new Set((current?.routes ?? []).map((r) => r.url));
    if (addresses.every((a) => urls.has(a)) && (current?.formatMappings?.length ?? 0) >= mappings) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the catalogue did not publish the reference systems' routes within ${CATALOGUE_WAIT_MS} ms`);
}
