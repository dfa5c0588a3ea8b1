/** URL names of the catalogue's entities under /api/tak (kebab-case plurals) → kinds. */
import type { Kind } from './model.js';

export const ENTITY_PATHS: Record<string, Kind> = {
  components: 'component',
  contracts: 'contract',
  'logical-addresses': 'logicalAddress',
  'riv-profiles': 'rivProfile',
  'call-addresses': 'callAddress',
  routes: 'route',
  permissions: 'permission',
  'hsa-units': 'hsaUnit',
  'format-mappings': 'formatMapping',
};
