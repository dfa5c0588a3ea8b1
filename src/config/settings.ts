/**
 * One table of settings per component. A setting has a key (`group.name`), a default, a type and a doc
 * line; the loader derives the flag (`--https-port`) and the env variable (`NTJP_VP_HTTPS_PORT`) from it.
 * Precedence: flag > environment > config file > default (docs/configuration.md).
 */
export type SettingType = 'int' | 'string' | 'bool' | 'list' | 'path';

export interface SettingSpec {
  /** dotted key, `<group>.<name>`; the name is camelCase */
  key: string;
  type: SettingType;
  default: unknown;
  doc: string;
  /** extra flag alias, e.g. `--dir` */
  alias?: string;
}

export type SettingsGroup = readonly SettingSpec[];

/** `vp.httpsPort` → `--https-port` (group prefix dropped: flags stay short) */
export function flagName(spec: SettingSpec): string {
  const name = spec.key.slice(spec.key.indexOf('.') + 1);
  return '--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** `ei.hsaId` → `--ei-hsa-id`: always accepted, and the only form when the short flag is ambiguous */
export function qualifiedFlagName(spec: SettingSpec): string {
  return '--' + spec.key.replace(/\./g, '-').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** Every flag that sets this setting: the short one, the qualified one and the alias, if any. */
export function flagsOf(spec: SettingSpec): string[] {
  return [flagName(spec), qualifiedFlagName(spec), ...(spec.alias ? [spec.alias] : [])];
}

/** `vp.httpsPort` → `NTJP_VP_HTTPS_PORT` */
export function envName(spec: SettingSpec): string {
  return 'NTJP_' + spec.key.replace(/\./g, '_').replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}
