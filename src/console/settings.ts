import type { SettingsGroup } from '../config/settings.js';

/** Web console settings (docs/console.md, "Settings"). */
export const consoleSettings: SettingsGroup = [
  { key: 'console.probeIntervalMs', type: 'int', default: 60_000, doc: 'How often the availability record probes every producer in the catalogue (PingForConfiguration where routed, else a TCP connect); 0 = never.' },
  { key: 'console.probeTimeoutMs', type: 'int', default: 5_000, doc: 'A producer that does not answer a probe within this time counts as down.' },
];
