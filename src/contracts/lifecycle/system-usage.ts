import type { CatalogueSnapshot } from '../../tak/snapshot.js';
import type { ContractCalls } from './usage-store.js';

/** What one system (a service component's HSA-id) produces and consumes, by Responder namespace. */
export interface SystemUsage {
  hsaId: string;
  /** contracts it has routes (vägval) for today, as producer */
  produces: Set<string>;
  /** contracts it has permissions (anropsbehörigheter) for today, as consumer */
  permitted: Set<string>;
  /** contracts it called through the hub in the look-back window */
  called: Map<string, { calls: number; lastDay: string }>;
}

const live = (row: { from: string; to: string }, today: string): boolean => row.from <= today && today <= row.to;

/** Every HSA-id the catalogue names as producer or consumer, with what it uses today and what it called. */
export function systemUsage(snapshot: CatalogueSnapshot | undefined, calls: ContractCalls[], today: string): Map<string, SystemUsage> {
  const out = new Map<string, SystemUsage>();
  // TAK upper-cases HSA-ids; a certificate's serialNumber may not be.
  const of = (hsaId: string): SystemUsage => {
    const key = hsaId.toUpperCase();
    let u = out.get(key);
    if (!u) out.set(key, (u = { hsaId: key, produces: new Set(), permitted: new Set(), called: new Map() }));
    return u;
  };
  for (const r of snapshot?.routes ?? []) if (live(r, today)) of(r.component).produces.add(r.namespace);
  for (const p of snapshot?.permissions ?? []) if (live(p, today)) of(p.consumer).permitted.add(p.namespace);
  for (const c of calls) out.get(c.sender.toUpperCase())?.called.set(c.contract, { calls: c.calls, lastDay: c.lastDay });
  return out;
}
