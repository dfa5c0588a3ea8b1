import type { AggregatedContract } from './descriptors/index.js';
import type { SourceOutcome } from './source-call.js';

/**
 * The merged answer (docs/agp.md, "Merge rules per contract"): each list element concatenated over the sources
 * in call order, in the descriptor's (schema) order, then the result element when the contract has one.
 */
export function mergeResponse(contract: AggregatedContract, outcomes: readonly SourceOutcome[]): string {
  let body = '';
  for (const name of contract.records) {
    for (const o of outcomes) if (o.ok) body += (o.records.get(name) ?? []).join('');
  }
  const result = contract.result;
  if (result) {
    const fields = result.fields.map(([n, v]) => `<r:${n}>${v}</r:${n}>`).join('');
    body += `<result xmlns="${result.ns}" xmlns:r="${result.fieldsNs}">${fields}</result>`;
  }
  return `<${contract.interaction}Response xmlns="${contract.namespace}">${body}</${contract.interaction}Response>`;
}
