import type { SettingsGroup } from '../config/settings.js';

/** Catalogue (TAK) settings. */
export const takSettings: SettingsGroup = [
  { key: 'tak.seedDemo', type: 'bool', default: true, doc: 'On a first start with an empty catalogue, apply every demo/orders/*.json in name order and publish (docs/tak.md).' },
  { key: 'tak.demoOrdersDir', type: 'path', default: 'demo/orders', doc: 'Folder of the demo orders applied by tak.seedDemo.' },
  { key: 'tak.pollIntervalMs', type: 'int', default: 1000, doc: 'How often the newest published version is checked (like tak-monitor), so a publish from another process reaches the hub.' },
];

/** A setting's value, or its default when the settings were loaded without this group (tests, other commands). */
export function takSetting<T>(settings: Record<string, unknown>, key: string): T {
  return (settings[key] ?? takSettings.find((s) => s.key === key)!.default) as T;
}
