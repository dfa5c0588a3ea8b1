import type { RunningComponent } from '../platform/context.js';
import type { ContractHooks } from './contract-hooks.js';
import type { TrafficLog } from './traffic-log.js';
import type { InProcessAnswer, InProcessCall } from './in-process.js';

/** A hub once started, in the main process or on workers: what the component offers and mounts. */
export interface StartedHub {
  traffic: TrafficLog;
  /** the listeners' URLs on the bound host (not the public host name) */
  urls: { https: string; http: string };
  setContractHooks(hooks: ContractHooks | undefined): void;
  /** a call handed over in-process, as an internal caller would send it to the HTTP listener (in-process.ts) */
  dispatch(call: InProcessCall): Promise<InProcessAnswer>;
  running: RunningComponent;
}
