import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load.js';
import { platformSettings } from '../../../src/platform/settings.js';
import { startPlatform, type Platform } from '../../../src/app/platform.js';
import type { PlatformComponent } from '../../../src/platform/context.js';
import type { SettingsGroup } from '../../../src/config/settings.js';
import { silentLogger } from '../../../src/shared/log.js';
import { createConsoleComponent, consoleSettings } from '../../../src/console/index.js';

export const OPERATOR_TOKEN = 'console-test-operator-token';

export interface ConsolePlatform {
  platform: Platform;
  close(): Promise<void>;
}

/**
 * A platform on loopback with free ports and a fresh SQLite file: the given components, then the console
 * with an injected clock and no periodic probes (tests probe on demand). The admin HTTPS listener only when asked.
 */
export async function startConsolePlatform(
  clock: () => number,
  before: PlatformComponent[] = [],
  settingsGroups: SettingsGroup[] = [],
  opts: { adminHttps?: boolean } = {},
): Promise<ConsolePlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ntjp-console-'));
  const settings = loadSettings([platformSettings, ...settingsGroups, consoleSettings], {
    env: {},
    cwd: dataDir,
    argv: ['--data', dataDir, '--certs-dir', join(dataDir, 'certs'), '--public-host', '127.0.0.1', '--admin-port', '0', '--admin-https-port', opts.adminHttps ? '0' : '-1', '--services-port', '0', '--operator-token', OPERATOR_TOKEN, '--log-level', 'silent', '--probe-interval-ms', '0'],
  });
  const platform = await startPlatform(settings, [...before, createConsoleComponent(clock)], silentLogger);
  return {
    platform,
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
