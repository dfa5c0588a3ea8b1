/**
 * The main process's hub workers (node:cluster): forks them, sends each its start message, restarts one that
 * dies after it had started (at most RESTARTS_MAX within RESTART_WINDOW_MS, each logged), hands every worker the same messages,
 * and stops them all on close. The workers share the listeners' ports: the cluster hands each new
 * connection to the next worker in turn.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../shared/log.js';
import type { MetricsJson } from '../../shared/metrics.js';
import type { FromWorker, ToWorker, WorkerCatalogue, WorkerStart } from './protocol.js';

export const RESTARTS_MAX = 5;
export const RESTART_WINDOW_MS = 60_000;
/** a worker that has not answered a metrics request in this time is left out of that scrape */
const METRICS_TIMEOUT_MS = 2000;
/** a worker that has not stopped this long after its disconnect is killed */
const STOP_GRACE_MS = 2000;

/** From the TypeScript sources (tests, `npx tsx`) a worker loads tsx first; compiled code starts the .js. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_ENTRY = new URL(FROM_SOURCES ? './worker-main.ts' : './worker-main.js', import.meta.url);

type FromWorkerHandlers = { [T in FromWorker['type']]: (m: Extract<FromWorker, { type: T }>) => void };

export interface WorkerState {
  worker: Worker;
  /** set once its listeners are open */
  listening: boolean;
  catalogue?: WorkerCatalogue;
  /** the last change of the contract hooks it has applied */
  contractsSeq?: number;
}

export interface PoolEvents {
  /** the start message for a worker coming online (the newest catalogue, capture, contract hooks) */
  startMessage(): WorkerStart;
  traffic(from: Extract<FromWorker, { type: 'traffic' }>): void;
  /** schema violations a worker's contract hooks found */
  violations(from: Extract<FromWorker, { type: 'violations' }>): void;
  /** a worker swapped its catalogue (or one left: `workers` changed) */
  changed(): void;
}

export class WorkerPool {
  readonly workers = new Map<number, WorkerState>();
  restarts = 0;
  private readonly restartTimes: number[] = [];
  private closing = false;
  private metricsRequests = 0;
  ports: { httpsPort: number; httpPort: number } | undefined;

  constructor(
    readonly configured: number,
    private readonly log: Logger,
    private readonly events: PoolEvents,
  ) {}

  /** Forks every worker and resolves once all listen; a worker that cannot start fails the whole start. */
  async start(): Promise<void> {
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    cluster.setupPrimary({ exec: fileURLToPath(WORKER_ENTRY), execArgv: FROM_SOURCES ? ['--import', 'tsx'] : [], serialization: 'advanced' });
    await Promise.all(Array.from({ length: this.configured }, () => this.fork()));
  }

  get up(): number {
    return [...this.workers.values()].filter((w) => w.listening).length;
  }

  /** Sends the message to every worker; one not started yet gets the same news in its start message. */
  broadcast(message: ToWorker): void {
    for (const { worker } of this.workers.values()) if (worker.isConnected()) worker.send(message);
  }

  /** Every listening worker's metrics; one that does not answer in time is left out. */
  async metrics(): Promise<MetricsJson[]> {
    const answers = [...this.workers.values()].filter((w) => w.listening).map((w) => this.metricsOf(w.worker));
    return (await Promise.all(answers)).filter((m): m is MetricsJson => m !== undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.workers.values()].map(({ worker }) => stop(worker)));
    this.workers.clear();
  }

  private fork(): Promise<void> {
    const worker = cluster.fork();
    const state: WorkerState = { worker, listening: false };
    this.workers.set(worker.id, state);
    return new Promise<void>((resolve, reject) => {
      const on: FromWorkerHandlers = {
        ready: () => worker.send(this.events.startMessage()),
        listening: (m) => {
          state.listening = true;
          this.ports ??= { httpsPort: m.httpsPort, httpPort: m.httpPort };
          this.log.info('hub worker listening', { 'labels.worker': worker.id, 'process.pid': worker.process.pid });
          resolve();
        },
        'start-failed': (m) => reject(new Error(`hub worker ${worker.id} did not start: ${m.message}`)),
        catalogue: (m) => {
          state.catalogue = { version: m.version, load: m.load };
          this.events.changed();
        },
        'contracts-applied': (m) => {
          state.contractsSeq = m.seq;
          this.events.changed();
        },
        traffic: (m) => this.events.traffic(m),
        violations: (m) => this.events.violations(m),
        // answered in metricsOf
        metrics: () => undefined,
      };
      worker.on('message', (m: FromWorker) => (on[m.type] as (m: FromWorker) => void)(m));
      worker.once('exit', (code, signal) => {
        this.workers.delete(worker.id);
        reject(new Error(`hub worker ${worker.id} exited before it listened (code ${code}, signal ${signal})`));
        this.events.changed();
        // One that never listened failed its start (a port taken, a bad setting): another would fail too.
        if (!this.closing && state.listening) this.replace(worker, code, signal);
      });
    });
  }

  private replace(gone: Worker, code: number | null, signal: string | null): void {
    const now = Date.now();
    while (this.restartTimes.length > 0 && now - this.restartTimes[0]! > RESTART_WINDOW_MS) this.restartTimes.shift();
    if (this.restartTimes.length >= RESTARTS_MAX) {
      this.log.error('hub worker exited and is not restarted: too many restarts', { 'labels.worker': gone.id, 'process.exit_code': code, signal, restarts: this.restartTimes.length, windowMs: RESTART_WINDOW_MS });
      return;
    }
    this.restartTimes.push(now);
    this.restarts++;
    this.log.warn('hub worker exited; starting another', { 'labels.worker': gone.id, 'process.exit_code': code, signal });
    this.fork().catch((e: Error) => this.log.error('hub worker restart failed', { error: e.message }));
  }

  private metricsOf(worker: Worker): Promise<MetricsJson | undefined> {
    const id = ++this.metricsRequests;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), METRICS_TIMEOUT_MS);
      const listener = (m: FromWorker): void => {
        if (m.type === 'metrics' && m.id === id) done(m.json);
      };
      const done = (json: MetricsJson | undefined): void => {
        clearTimeout(timer);
        worker.off('message', listener);
        worker.off('exit', gone);
        resolve(json);
      };
      const gone = (): void => done(undefined);
      worker.on('message', listener).once('exit', gone);
      worker.send({ type: 'metrics-request', id } satisfies ToWorker);
    });
  }
}

function stop(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => worker.kill('SIGKILL'), STOP_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.disconnect();
  });
}
