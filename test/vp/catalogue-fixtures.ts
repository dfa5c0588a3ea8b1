/** Catalogue rows for the hub's tests: valid from 2000 to 2100 unless a test says otherwise. */
import type { CatalogueSnapshot, HsaUnit, PermissionEntry, RouteEntry } from '../../src/tak/snapshot.js';
import { CONTRACT, HSA } from '../support/soap.js';

let nextId = 1;

export function route(logicalAddress: string, url: string, o: Partial<RouteEntry> = {}): RouteEntry {
  return { id: nextId++, logicalAddress, namespace: CONTRACT.getSchedule, profile: 'RIVTABP21', url, component: HSA.producerComponent, from: '2000-01-01', to: '2100-12-31', ...o };
}

export function permission(logicalAddress: string, consumer: string = HSA.consumer, o: Partial<PermissionEntry> = {}): PermissionEntry {
  return { id: nextId++, logicalAddress, namespace: CONTRACT.getSchedule, consumer, from: '2000-01-01', to: '2100-12-31', filters: [], ...o };
}

export function snapshot(routes: RouteEntry[], permissions: PermissionEntry[], hsaUnits: HsaUnit[] = []): CatalogueSnapshot {
  return { version: 1, publishedAt: '2026-01-01T00:00:00Z', routes, permissions, hsaUnits };
}
