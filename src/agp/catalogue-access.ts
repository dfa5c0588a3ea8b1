/**
 * The two catalogue questions the aggregator asks before a fan-out (spec §4.3 step 3): may the sender or the
 * original consumer call this contract at this logical address (exact or `*`, no HSA climb), and does a
 * route exist. Written against CatalogueSnapshot until the hub exports its compiled index (src/vp/index.ts);
 * then this file should delegate to it.
 */
import type { CatalogueSnapshot } from '../tak/snapshot.js';

const ANY_ADDRESS = '*';

function validOn(entry: { from: string; to: string }, today: string): boolean {
  return entry.from <= today && today <= entry.to;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function addressMatches(entryAddress: string, address: string): boolean {
  return same(entryAddress, address) || entryAddress === ANY_ADDRESS;
}

export function mayCall(snapshot: CatalogueSnapshot, consumers: readonly string[], address: string, namespace: string, today: string): boolean {
  return snapshot.permissions.some(
    (p) => same(p.namespace, namespace) && consumers.some((c) => same(c, p.consumer)) && addressMatches(p.logicalAddress, address) && validOn(p, today),
  );
}

export function hasRoute(snapshot: CatalogueSnapshot, address: string, namespace: string, today: string): boolean {
  return snapshot.routes.some((r) => same(r.namespace, namespace) && addressMatches(r.logicalAddress, address) && validOn(r, today));
}
