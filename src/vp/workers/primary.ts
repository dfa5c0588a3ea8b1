/**
 * The hub served by worker processes (`platform.workers` >= 1, docs/workers.md). The main process keeps the
 * one traffic log, the catalogue feed and the contract hooks, and hands each to the workers: every new
 * catalogue snapshot, capture switch and change of the hooks goes to all of them. Its `/status` section and
 * `/metrics` cover every worker.
 */
import type { PlatformContext, RunningComponent } from '../../platform/context.js';
import { PACKAGE, VERSION } from '../../platform/version.js';
import type { CatalogueSnapshot } from '../../tak/snapshot.js';
import type { StartedHub } from '../started-hub.js';
import type { ContractHooks } from '../contract-hooks.js';
import { hubConfig } from '../hub-config.js';
import { TrafficLog } from '../traffic-log.js';
import { followCatalogue } from '../catalogue-feed.js';
import { announceHubEndpoints, catalogueStatus } from '../hub-endpoints.js';
import { realVpStatus, type CatalogueLoad } from '../status-report.js';
import { WorkerPool, type WorkerState } from './worker-pool.js';
import type { WorkerCatalogue } from './protocol.js';
import { snapshotParts } from './snapshot-slices.js';
import { createHubRuntime } from '../hub-runtime.js';
import { dispatchInProcess } from '../in-process.js';

/** How long a catalogue switch or new contract hooks wait for every worker to report them before giving up waiting. */
const WORKERS_WAIT_MS = 60_000;

/** The main process's traffic log: switching capture on or off switches it in every worker too. */
class InstanceTrafficLog extends TrafficLog {
  onCapture: (on: boolean) => void = () => undefined;
  override setCapture(on: boolean): void {
    super.setCapture(on);
    this.onCapture(on);
  }
}

/** The catalogue every worker routes with: the lowest version among them (undefined while one has none). */
function oldestCatalogue(workers: Iterable<WorkerState>): WorkerCatalogue | undefined {
  let oldest: WorkerCatalogue | undefined;
  for (const w of workers) {
    if (!w.catalogue) return undefined;
    if (!oldest || w.catalogue.version < oldest.version) oldest = w.catalogue;
  }
  return oldest;
}

export async function startHubWorkers(ctx: PlatformContext, count: number): Promise<StartedHub> {
  const log = ctx.log.child({ 'event.module': 'vp' });
  const config = hubConfig(ctx.settings);
  const startedAtMs = Date.now();
  const traffic = new InstanceTrafficLog(config.trafficLogSize, config.trafficCaptureBudgetBytes);
  let trafficDropped = 0;
  let snapshot: CatalogueSnapshot | undefined;
  let hooks: ContractHooks | undefined;
  let hooksUnsubscribe = (): void => undefined;
  let contractsSeq = 0;
  let switches = 0;
  const waiting = new Set<() => void>();
  const pool = new WorkerPool(count, log, {
    startMessage: () => ({
      type: 'start',
      settings: ctx.settings,
      certsDir: ctx.certsDir,
      logLevel: ctx.log.level,
      platformServices: { baseUrl: ctx.servicesBaseUrl, secret: ctx.servicesSecret },
      snapshot,
      capture: traffic.capturing,
      contracts: hooks?.recipe?.(),
      contractsSeq,
    }),
    traffic: (m) => {
      trafficDropped += m.dropped;
      for (const e of m.entries) traffic.add(e);
    },
    violations: (m) => hooks?.recordViolations?.(m.namespace, m.direction, m.violations),
    changed: () => {
      for (const w of waiting) w();
    },
  });
  traffic.onCapture = (on) => pool.broadcast({ type: 'capture', on });

  /** Resolves once every worker has reported what `done` looks for (or after WORKERS_WAIT_MS, logged). */
  const allWorkers = (done: (w: WorkerState) => boolean, what: Record<string, unknown>): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (![...pool.workers.values()].every(done)) return;
        clearTimeout(timer);
        waiting.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        log.warn('hub workers did not all report a change in time', { ...what, waitedMs: WORKERS_WAIT_MS });
        resolve();
      }, WORKERS_WAIT_MS);
      waiting.add(check);
      check();
    });
  // The main process's own callers (the aggregator's source calls) hand their calls to a hub runtime of its
  // own, without listeners: same catalogue feed, same traffic log (docs/workers.md).
  const local = createHubRuntime({ settings: ctx.settings, certsDir: ctx.certsDir, log, metrics: ctx.metrics, traffic, platformServices: { baseUrl: ctx.servicesBaseUrl, secret: ctx.servicesSecret, answer: ctx.soap.answer } });
  const localUnsubscribe = followCatalogue(ctx, local.catalogue);
  const unsubscribe = followCatalogue(ctx, {
    activate: (s) => void (snapshot = s),
    switchTo: async (s) => {
      snapshot = s;
      const mine = ++switches;
      for (const part of snapshotParts(mine, s)) {
        // A newer snapshot supersedes this one: the workers drop what they have of it.
        if (mine !== switches) return;
        pool.broadcast(part);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await allWorkers((w) => (w.catalogue?.version ?? -1) >= s.version, { catalogueVersion: s.version });
    },
  });
  try {
    await pool.start();
  } catch (e) {
    unsubscribe();
    localUnsubscribe();
    await Promise.all([pool.close(), local.close()]);
    throw e;
  }
  const { httpsPort, httpPort } = pool.ports!;
  const { urls, endpoints } = announceHubEndpoints(ctx, httpsPort, httpPort);
  ctx.metrics.addSource(() => pool.metrics());
  // The platform is up once every worker serves WSDLs and validates as the contracts component says.
  ctx.afterStart(() => allWorkers((w) => (w.contractsSeq ?? 0) >= contractsSeq, { contractsSeq }));
  const setContractHooks = (h: ContractHooks | undefined): void => {
    hooksUnsubscribe();
    hooks = h;
    local.hub.contracts = h;
    const tell = (): void => pool.broadcast({ type: 'contracts', recipe: h?.recipe?.(), seq: ++contractsSeq });
    hooksUnsubscribe = h?.onChange?.(tell) ?? (() => undefined);
    tell();
  };
  const lastLoad = (): CatalogueLoad | undefined => oldestCatalogue(pool.workers.values())?.load;
  const running: RunningComponent = {
    close: async () => {
      unsubscribe();
      localUnsubscribe();
      hooksUnsubscribe();
      await Promise.all([pool.close(), local.close()]);
    },
    status: () => ({
      version: VERSION,
      httpsPort,
      httpPort,
      workers: {
        configured: pool.configured,
        up: pool.up,
        restarts: pool.restarts,
        trafficDropped,
        list: [...pool.workers.values()].map((w) => ({ id: w.worker.id, pid: w.worker.process.pid, listening: w.listening, catalogueVersion: w.catalogue?.version })),
      },
      ...catalogueStatus(oldestCatalogue(pool.workers.values())),
      trafficLogged: traffic.count,
    }),
    statusHeadline: () => realVpStatus({ ...PACKAGE, instanceName: ctx.instanceName, startedAtMs, clock: () => new Date(), lastLoad, endpoints }),
  };
  return { traffic, urls, setContractHooks, dispatch: (call) => dispatchInProcess(local.hub, call), running };
}
