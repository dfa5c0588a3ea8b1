import type { Settings } from '../config/load.js';
import { ConfigError } from '../config/load.js';
import { contractKey, type AggregatedContract } from './descriptors/index.js';

export interface ContractTimeouts {
  sourceMs: number;
  aggregateMs: number;
  findContentMs: number;
}

const OVERRIDE = /^([A-Za-z]+:\d+)=(\d+)\/(\d+)$/;

/** Timeouts of each contract: settings defaults, then the descriptor's own producer timeout, then overrides. */
export function resolveTimeouts(settings: Settings, contracts: readonly AggregatedContract[]): Map<string, ContractTimeouts> {
  const overrides = new Map<string, [number, number]>();
  for (const entry of (settings['agp.contractTimeouts'] as string[] | undefined) ?? []) {
    const m = OVERRIDE.exec(entry.trim());
    if (!m) throw new ConfigError(`agp.contractTimeouts: "${entry}" is not Interaction:major=sourceMs/aggregateMs`);
    if (!contracts.some((c) => contractKey(c) === m[1])) throw new ConfigError(`agp.contractTimeouts: no aggregated contract ${m[1]}`);
    overrides.set(m[1]!, [Number(m[2]), Number(m[3])]);
  }
  const out = new Map<string, ContractTimeouts>();
  for (const c of contracts) {
    const key = contractKey(c);
    const [sourceMs, aggregateMs] = overrides.get(key) ?? [
      Math.min(c.producerTimeoutMs ?? Infinity, settings['agp.sourceTimeoutMs'] as number),
      settings['agp.aggregateTimeoutMs'] as number,
    ];
    out.set(key, { sourceMs, aggregateMs, findContentMs: settings['agp.findContentTimeoutMs'] as number });
  }
  return out;
}
