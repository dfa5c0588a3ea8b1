/** Public API of the aggregating services (AgP). */
export { agpComponent, createAgpComponent, agpPath } from './component.js';
export { agpSettings } from './settings.js';
export { AGGREGATED_CONTRACTS, contractKey, type AggregatedContract } from './descriptors/index.js';
