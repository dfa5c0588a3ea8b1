/** The console's API for other components and tests. */
import type { AvailabilityStore } from './availability/store.js';

export interface ConsoleApi {
  /** the availability record: observations and planned outages */
  availability: AvailabilityStore;
  /** probes every producer in the catalogue once; resolves to the number of (producer, contract) probes */
  probeAll(): Promise<number>;
}

export { consoleComponent, component } from './component.js';
export { consoleSettings } from './settings.js';
export { TARGET_PERCENT } from './availability/report.js';
