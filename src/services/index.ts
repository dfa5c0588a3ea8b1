/** The reference systems' public API. Other components import only this file. */
export { servicesComponent, type ServicesApi } from './component.js';
export { servicesSettings } from './settings.js';
export { DEMO_SYSTEMS, CITIZEN_CONSUMER_HSA_ID, demoSystem, type DemoSystem, type DemoRole } from './demo/systems.js';
export { ROLE_FACTORIES, demoReferenceSystems } from './demo/roles.js';
export { contractPath, PLATFORM_ADDRESS } from './reference-system.js';
export type { ReferenceSystem, ReferenceSystemEnv, RunningReferenceSystem, LogicalAddressee, ContractCall } from './reference-system.js';
export { startAndConnect, type StartedSystem } from './runner.js';
export { CitizenClient } from './citizen/citizen-client.js';
