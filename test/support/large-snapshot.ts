import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import { CONTRACT, HSA } from './soap.js';

/** A snapshot of `units` care units with a route and a permission each, and their HSA tree. */
export function snapshotOf(units: number): CatalogueSnapshot {
  const hsaIds = Array.from({ length: units }, (_v, i) => `SE2321000016-U${i}`);
  return {
    version: 7,
    publishedAt: '',
    routes: hsaIds.map((logicalAddress, id) => ({ id, logicalAddress, namespace: CONTRACT.getSchedule, profile: 'RIVTABP21', url: `https://p${id % 5}.example/vp`, component: HSA.producerComponent, from: '2026-01-01', to: '2126-01-01' })),
    permissions: hsaIds.map((logicalAddress, id) => ({ id, logicalAddress, namespace: CONTRACT.getSchedule, consumer: HSA.consumer, from: '2026-01-01', to: '2126-01-01', filters: [] })),
    hsaUnits: hsaIds.map((hsaId) => ({ hsaId, parent: 'SE2321000016-ROOT' })),
  };
}
