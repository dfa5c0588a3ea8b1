import { loadSettings, type Settings } from '../../config/load.js';
import { flagsOf, type SettingsGroup } from '../../config/settings.js';
import { SETTINGS_GROUPS } from '../../app/settings-groups.js';
import { COMPONENTS } from '../../app/components.js';
import { startPlatform, type Platform } from '../../app/platform.js';
import type { PlatformComponent } from '../../platform/context.js';
import { VERSION } from '../../platform/version.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: ntjp serve [--config <file>] [options]
  Runs the platform: the hub (VP) on mutual TLS (--https-port, default 20000) and plain HTTP behind a proxy
  (--http-port, default 8080), the catalogue, EI, aggregating services and the admin server. Prints the URLs.
  Every setting can be a flag, an NTJP_* environment variable or a key in the config file, in that order;
  ntjp settings lists them. Examples:
    ntjp serve --tak-order order.json --hsa-file hsa.json
    ntjp serve --https-port 20443 --ip-whitelist 10.0.0.0/8,127.0.0.1 --producer-timeout-ms 10000
  Stop with Ctrl-C (SIGINT) or SIGTERM.`;

export interface ServeOptions {
  /** settings groups of components the caller adds */
  extraGroups?: SettingsGroup[];
  components?: PlatformComponent[];
  /** written after the URLs (e.g. the demo's help text) */
  banner?: (platform: Platform) => string;
  /** adjusts the loaded settings before the platform starts (e.g. `ntjp start` turns on services.run) */
  prepare?: (settings: Settings) => void;
}

/** A flag nobody knows is a mistake, not something to ignore silently. */
function refuseUnknownFlags(argv: string[], groups: readonly SettingsGroup[]): void {
  const known = new Set(['--config', ...groups.flat().flatMap(flagsOf)]);
  const unknown = argv.filter((a) => a.startsWith('--') && !known.has(a.split('=', 1)[0]!));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')}`);
}

/** Loads every setting, starts the platform, prints its URLs and runs until SIGINT/SIGTERM. */
export async function servePlatform(argv: string[], opts: ServeOptions = {}): Promise<number> {
  const groups = [...SETTINGS_GROUPS, ...(opts.extraGroups ?? [])];
  refuseUnknownFlags(argv, groups);
  const settings = loadSettings(groups, { argv });
  opts.prepare?.(settings);
  const platform = await startPlatform(settings, opts.components ?? COMPONENTS);
  const lines = [`ntjp-emulator ${VERSION} running (instance ${platform.ctx.instanceName}):`];
  const width = Math.max(0, ...[...platform.ctx.urls.keys()].map((label) => label.length));
  for (const [label, url] of platform.ctx.urls) lines.push(`  ${label.padEnd(width)}  ${url}`);
  lines.push(`Operator token (console sign-in, REST writes): ${platform.ctx.operatorTokenSource}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (opts.banner) process.stdout.write(opts.banner(platform) + '\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await platform.close();
  process.stdout.write('stopped\n');
  return 0;
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'Run the platform (hub, catalogue, EI, aggregating services) without demo systems.',
  usage: USAGE,
  run: (argv) => servePlatform(argv),
};
