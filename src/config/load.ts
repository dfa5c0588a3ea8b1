import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { envName, flagName, flagsOf, qualifiedFlagName, type SettingSpec, type SettingsGroup } from './settings.js';

export class ConfigError extends Error {
  readonly code = 'NTJP_ERR_CONFIG';
}

export type SettingValue = string | number | boolean | string[];
/** Flat map of dotted keys to values, e.g. `{ 'vp.httpsPort': 20000 }`. */
export type Settings = Record<string, SettingValue>;

export interface LoadOptions {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
  /** explicit config file; otherwise `--config`, `NTJP_CONFIG`, or `ntjp.config.json` in the cwd */
  file?: string;
  cwd?: string;
}

function coerce(spec: SettingSpec, raw: unknown, origin: string): SettingValue {
  const fail = (): never => {
    throw new ConfigError(`setting ${spec.key} from ${origin}: expected ${spec.type}, got ${JSON.stringify(raw)}`);
  };
  switch (spec.type) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isInteger(n)) fail();
      return n;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      if (['true', '1', 'yes', 'on', ''].includes(s)) return true;
      if (['false', '0', 'no', 'off'].includes(s)) return false;
      return fail();
    }
    case 'list': {
      if (Array.isArray(raw)) return raw.map(String);
      const s = String(raw).trim();
      return s === '' ? [] : s.split(',').map((x) => x.trim()).filter((x) => x !== '');
    }
    default:
      if (typeof raw === 'object') fail();
      return String(raw);
  }
}

/** Flag → the settings it may name: the short flag of two groups can clash (`--hsa-id`), the qualified one cannot. */
function flagTable(specs: SettingsGroup): Map<string, SettingSpec[]> {
  const table = new Map<string, SettingSpec[]>();
  const add = (flag: string, spec: SettingSpec): void => {
    const list = table.get(flag) ?? [];
    if (!list.includes(spec)) list.push(spec);
    table.set(flag, list);
  };
  for (const s of specs) for (const flag of flagsOf(s)) add(flag, s);
  return table;
}

function readFlags(argv: string[], specs: SettingsGroup): Map<string, string> {
  const table = flagTable(specs);
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const candidates = table.get(name);
    if (!candidates) continue;
    if (candidates.length > 1) {
      throw new ConfigError(`ambiguous flag ${name}: it names ${candidates.map((c) => c.key).join(' and ')}; use ${candidates.map(qualifiedFlagName).join(' or ')}`);
    }
    const spec = candidates[0]!;
    if (eq > 0) out.set(spec.key, arg.slice(eq + 1));
    else if (spec.type === 'bool' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))) out.set(spec.key, 'true');
    else out.set(spec.key, argv[++i] ?? '');
  }
  return out;
}

function readFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`config file ${path}: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ConfigError(`config file ${path}: not a JSON object`);
  // Accept both nested `{ "vp": { "httpsPort": 1 } }` and flat `{ "vp.httpsPort": 1 }`.
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) flat[`${k}.${k2}`] = v2;
    } else flat[k] = v;
  }
  return flat;
}

/** Resolves every setting of the given groups. Unknown keys in the file are reported, not ignored. */
export function loadSettings(groups: readonly SettingsGroup[], opts: LoadOptions = {}): Settings {
  const specs = groups.flat();
  const argv = opts.argv ?? [];
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const flagIdx = argv.indexOf('--config');
  const fileArg = opts.file ?? (flagIdx >= 0 ? argv[flagIdx + 1] : undefined) ?? env.NTJP_CONFIG;
  const defaultFile = resolve(cwd, 'ntjp.config.json');
  const file = fileArg ? resolve(cwd, fileArg) : existsSync(defaultFile) ? defaultFile : undefined;
  const fromFile = readFile(file);
  const known = new Set(specs.map((s) => s.key));
  const unknown = Object.keys(fromFile).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new ConfigError(`config file ${file}: unknown settings ${unknown.join(', ')}`);
  const flags = readFlags(argv, specs);
  const out: Settings = {};
  for (const spec of specs) {
    const e = env[envName(spec)];
    if (flags.has(spec.key)) out[spec.key] = coerce(spec, flags.get(spec.key), flagName(spec));
    else if (e !== undefined) out[spec.key] = coerce(spec, e, envName(spec));
    else if (spec.key in fromFile) out[spec.key] = coerce(spec, fromFile[spec.key], file!);
    else out[spec.key] = coerce(spec, spec.default, 'default');
    if (spec.type === 'path') out[spec.key] = resolve(cwd, out[spec.key] as string);
  }
  return out;
}

/** Markdown table of the given settings (the flag shown is the short one unless two groups share it). */
export function describeSettings(groups: readonly SettingsGroup[]): string {
  const table = flagTable(groups.flat());
  const flagOf = (s: SettingSpec): string => ((table.get(flagName(s))?.length ?? 0) > 1 ? qualifiedFlagName(s) : flagName(s));
  const rows = groups.flat().map((s) => `| \`${s.key}\` | \`${flagOf(s)}\` | \`${envName(s)}\` | \`${JSON.stringify(s.default)}\` | ${s.doc.replace(/\|/g, '\\|')} |`);
  return ['| setting | flag | environment | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}
