import type { RunningComponent } from '../platform/context.js';
import type { ContractHooks } from './contract-hooks.js';
import type { TrafficLog } from './traffic-log.js';

/** A hub once started, in the main process or on workers: what the component offers and mounts. */
export interface StartedHub {
  traffic: TrafficLog;
  /** the listeners' URLs on the bound host (not the public host name) */
  urls: { https: string; http: string };
  setContractHooks(hooks: ContractHooks | undefined): void;
  running: RunningComponent;
}
