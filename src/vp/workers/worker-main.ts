/**
 * A hub worker process (docs/workers.md): builds its hub from what the main process sends at start, opens
 * the two SOAP listeners on the ports every worker shares, and from then on swaps in each catalogue, capture
 * switch and contract hooks the main process sends. Its calls go to the main process's traffic log; its
 * metrics are read over IPC when the main process is scraped.
 */
import cluster from 'node:cluster';
import { createLogger, logFormatFor, type Logger } from '../../shared/log.js';
import { MetricsRegistry } from '../../shared/metrics.js';
import { TrafficLog } from '../traffic-log.js';
import { hubConfig } from '../hub-config.js';
import { createHubRuntime, openHubListeners, type BuiltHub } from '../hub-runtime.js';
import type { ContractHooksRecipe, WorkerContractHooks } from '../contract-hooks.js';
import { TrafficShipper, type SendToPrimary } from './traffic-shipper.js';
import { SnapshotAssembler } from './snapshot-slices.js';
import type { FromWorker, ToWorker, WorkerStart } from './protocol.js';

const workerId = cluster.worker?.id ?? 0;
const snapshots = new SnapshotAssembler();
const send: SendToPrimary = (message, sent) => void process.send?.(message, undefined, undefined, () => sent());
const tell = (message: FromWorker): void => send(message, () => undefined);

/** The hooks the recipe builds, reporting the violations they find to the main process, which counts them. */
async function contractHooksOf(recipe: ContractHooksRecipe | undefined): Promise<WorkerContractHooks | undefined> {
  if (!recipe) return undefined;
  const mod = (await import(recipe.module)) as { createContractHooks(options: unknown): WorkerContractHooks };
  const hooks = mod.createContractHooks(recipe.options);
  const validate = hooks.validateTraffic.bind(hooks);
  hooks.validateTraffic = async (namespace, direction, xml) => {
    const violations = await validate(namespace, direction, xml);
    if (violations.length > 0) tell({ type: 'violations', namespace, direction, violations });
    return violations;
  };
  return hooks;
}

interface WorkerHub {
  built: BuiltHub;
  traffic: TrafficLog;
  metrics: MetricsRegistry;
  log: Logger;
}

async function start(msg: WorkerStart): Promise<WorkerHub> {
  const format = logFormatFor(msg.settings['platform.logFormat'] as string, process.stdout.isTTY === true);
  const log = createLogger(msg.logLevel, { 'event.module': 'vp', 'labels.worker': workerId }, undefined, format);
  const config = hubConfig(msg.settings);
  const traffic = new TrafficLog(1, config.trafficCaptureBudgetBytes);
  traffic.subscribe(new TrafficShipper(workerId, send).ship);
  traffic.setCapture(msg.capture);
  const metrics = new MetricsRegistry();
  const built = createHubRuntime({
    settings: msg.settings,
    certsDir: msg.certsDir,
    log,
    metrics,
    traffic,
    platformServices: msg.platformServices,
    onCatalogueSwap: (index, load) => tell({ type: 'catalogue', version: index.version, load }),
  });
  if (msg.snapshot) built.catalogue.activate(msg.snapshot);
  built.hub.contracts = await contractHooksOf(msg.contracts);
  tell({ type: 'contracts-applied', seq: msg.contractsSeq });
  const { httpsPort, httpPort } = await openHubListeners(built, msg.settings['platform.host'] as string);
  tell({ type: 'listening', httpsPort, httpPort });
  return { built, traffic, metrics, log };
}

async function apply(m: ToWorker, { built, traffic, metrics }: WorkerHub): Promise<void> {
  switch (m.type) {
    case 'catalogue-head':
    case 'catalogue-rows':
    case 'catalogue-end': {
      const snapshot = snapshots.add(m);
      if (snapshot) await built.catalogue.switchTo(snapshot);
      return;
    }
    case 'capture':
      traffic.setCapture(m.on);
      return;
    case 'contracts': {
      const before = built.hub.contracts as WorkerContractHooks | undefined;
      built.hub.contracts = await contractHooksOf(m.recipe);
      before?.close?.();
      tell({ type: 'contracts-applied', seq: m.seq });
      return;
    }
    case 'metrics-request':
      tell({ type: 'metrics', id: m.id, json: await metrics.json() });
      return;
    case 'start':
      return;
  }
}

/** A message the worker cannot apply (a contracts module that fails to load) is logged; the worker goes on. */
function handle(m: ToWorker, h: WorkerHub): Promise<void> {
  return apply(m, h).catch((e: Error) => h.log.error('hub worker could not apply a message', { 'labels.message': m.type, error: e.message }));
}

// The main process stops its workers by disconnecting them; nothing a worker holds outlives that.
process.once('disconnect', () => process.exit(0));
// Messages after `start` wait for the hub to be built, and are handled in the order they came.
let hub: Promise<WorkerHub> | undefined;
process.on('message', (m: ToWorker) => {
  if (m.type === 'start') {
    hub = start(m);
    hub.catch((e: Error) => {
      tell({ type: 'start-failed', message: e.message });
      process.exitCode = 1;
      cluster.worker?.disconnect();
    });
    return;
  }
  // After a failed start the worker is on its way out: nothing is left to apply.
  void hub?.then(
    (h) => handle(m, h),
    () => undefined,
  );
});
// Messages sent before a listener exists are lost: the main process sends `start` only after this.
tell({ type: 'ready' });
