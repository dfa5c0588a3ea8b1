/** The routing hub's public API (VP). Other components import only this file. */
export { vpComponent, type VpApi } from './component.js';
export type { InProcessCall, InProcessAnswer } from './in-process.js';
export { vpSettings } from './settings.js';
export { compileCatalogue, compileCatalogueInSlices, lookUpRoutes, checkPermission, mayCall, hasRoute, hsaAncestors, hsaClimbEnabled, DEFAULT_ROUTING } from './catalogue-index.js';
export type { CatalogueIndex, RouteLookup, PermissionLookup, DefaultRoutingOptions, HsaClimbRule } from './catalogue-index.js';
export { VP_FAULTS, type VpFaultCode } from './faults.js';
export { CALL_OUTCOMES, CAPTURE_MAX_BYTES } from './traffic-log.js';
export type { RecordedHeaders } from './traffic-headers.js';
export type { TrafficApi, TrafficEntry, NewTrafficEntry, TrafficFilter, TrafficPage, CallOutcome, TrafficViolation } from './traffic-log.js';
export type { ContractHooks, ContractHooksRecipe, ContractDocument, ContractValidationModes, TrafficDirection, ValidationMode } from './contract-hooks.js';
