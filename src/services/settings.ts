import type { SettingsGroup } from '../config/settings.js';

/** Reference systems: off for `ntjp serve`, on for `ntjp start`. */
export const servicesSettings: SettingsGroup = [
  { key: 'services.run', type: 'bool', default: false, doc: 'Start the demo reference systems (src/services/demo/systems.ts) with the platform; `ntjp start` turns it on.' },
  { key: 'services.fixedPorts', type: 'bool', default: true, doc: 'Give each reference system its port from the demo table; false = free ports (tests, parallel runs).' },
  { key: 'services.demoData', type: 'bool', default: true, doc: "Load the demo records, slots and custody into a reference system's empty SQLite file." },
];
