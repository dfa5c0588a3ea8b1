/**
 * Messages between the main process and its hub workers (docs/workers.md), over the cluster's IPC channel
 * with structured-clone serialization.
 */
import type { Settings } from '../../config/load.js';
import type { LogLevel } from '../../shared/log.js';
import type { MetricsJson } from '../../shared/metrics.js';
import type { PrivateServices } from '../../platform/soap-server.js';
import type { CatalogueSnapshot } from '../../tak/snapshot.js';
import type { ContractHooksRecipe, FoundViolation, TrafficDirection } from '../contract-hooks.js';
import type { TrafficEntry } from '../traffic-log.js';
import type { CatalogueLoad } from '../status-report.js';
import type { SnapshotPart } from './snapshot-slices.js';

/** What a worker needs to build its hub; sent once, when the worker says it is ready for it. */
export interface WorkerStart {
  type: 'start';
  settings: Settings;
  certsDir: string;
  logLevel: LogLevel;
  platformServices: PrivateServices;
  /** the catalogue to route with from the first call (undefined: VP008 until one comes) */
  snapshot: CatalogueSnapshot | undefined;
  capture: boolean;
  contracts: ContractHooksRecipe | undefined;
  /** the number of the hooks' change, which the worker reports back once it has applied them */
  contractsSeq: number;
}

export type ToWorker =
  | WorkerStart
  | SnapshotPart
  | { type: 'capture'; on: boolean }
  | { type: 'contracts'; recipe: ContractHooksRecipe | undefined; seq: number }
  | { type: 'metrics-request'; id: number };

/** A worker's catalogue after a swap, for /status and the publish wait. */
export interface WorkerCatalogue {
  version: number;
  load: CatalogueLoad;
}

/** A traffic entry as a worker ships it: the main process's log numbers it anew. */
export type ShippedTrafficEntry = Omit<TrafficEntry, 'seq'>;

export type FromWorker =
  | { type: 'ready' }
  | { type: 'listening'; httpsPort: number; httpPort: number }
  | { type: 'start-failed'; message: string }
  | { type: 'contracts-applied'; seq: number }
  | { type: 'violations'; namespace: string; direction: TrafficDirection; violations: FoundViolation[] }
  | ({ type: 'catalogue' } & WorkerCatalogue)
  | { type: 'traffic'; entries: ShippedTrafficEntry[]; dropped: number }
  | { type: 'metrics'; id: number; json: MetricsJson };
