import type { PlatformComponent } from '../platform/context.js';
import { consoleComponent } from '../console/index.js';
import { contractsComponent } from '../contracts/index.js';
import { eiComponent } from '../ei/index.js';
import { agpComponent } from '../agp/index.js';
import { takComponent } from '../tak/index.js';
import { servicesComponent } from '../services/index.js';
import { adaptersComponent } from '../adapters/index.js';
import { vpComponent } from '../vp/index.js';

/**
 * The platform's components in start order. The catalogue comes first (the hub routes from it), the hub
 * next (everyone else calls through it), then the services that ride on it, the console last. The format
 * adapters come before the reference systems, whose SHS and SSEK receivers are reached through them.
 * Order: tak, vp, ei, agp, contracts, adapters, services, console.
 */
export const COMPONENTS: PlatformComponent[] = [takComponent, vpComponent, eiComponent, agpComponent, contractsComponent, adaptersComponent, servicesComponent, consoleComponent];
