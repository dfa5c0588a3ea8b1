/** Turns a version's rows into the snapshot the hub, EI and AgP read (routes and permissions by name). */
import type { CatalogueData, Kind } from './model.js';
import type { CatalogueSnapshot, FormatMappingEntry, PermissionEntry, RouteEntry } from './snapshot.js';
import type { RivProfile } from '../shared/soap/envelope.js';

function byId<T extends { id: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

export function toSnapshot(data: CatalogueData, version: number, publishedAt: string): CatalogueSnapshot {
  const components = byId(data.component);
  const contracts = byId(data.contract);
  const addresses = byId(data.logicalAddress);
  const profiles = byId(data.rivProfile);
  const callAddresses = byId(data.callAddress);
  const need = <T>(map: Map<number, T>, id: number, kind: Kind): T => {
    const row = map.get(id);
    if (!row) throw new Error(`published data refers to ${kind} ${id}, which it does not hold`);
    return row;
  };
  const routes: RouteEntry[] = data.route.map((r) => {
    const ca = need(callAddresses, r.callAddressId, 'callAddress');
    return {
      id: r.id,
      logicalAddress: need(addresses, r.logicalAddressId, 'logicalAddress').hsaId,
      namespace: need(contracts, r.contractId, 'contract').namespace,
      profile: need(profiles, ca.profileId, 'rivProfile').name as RivProfile,
      url: ca.url,
      component: need(components, ca.componentId, 'component').hsaId,
      from: r.from,
      to: r.to,
    };
  });
  const permissions: PermissionEntry[] = data.permission.map((p) => ({
    id: p.id,
    logicalAddress: need(addresses, p.logicalAddressId, 'logicalAddress').hsaId,
    namespace: need(contracts, p.contractId, 'contract').namespace,
    consumer: need(components, p.consumerId, 'component').hsaId,
    from: p.from,
    to: p.to,
    filters: p.filters,
  }));
  const hsaUnits = data.hsaUnit.map((u) => ({ hsaId: u.hsaId, ...(u.parent ? { parent: u.parent } : {}), ...(u.name ? { name: u.name } : {}) }));
  const formatMappings = data.formatMapping.map(({ logicalAddressId, contractId, ...m }) => ({
    ...m,
    logicalAddress: need(addresses, logicalAddressId, 'logicalAddress').hsaId,
    namespace: need(contracts, contractId, 'contract').namespace,
    transfer: m.transfer as FormatMappingEntry['transfer'],
  }));
  return { version, publishedAt, routes, permissions, hsaUnits, formatMappings };
}
