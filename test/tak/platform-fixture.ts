/** A platform with only the catalogue component, on loopback ports and a temp data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { request } from 'undici';
import { loadSettings } from '../../src/config/load.js';
import { platformSettings } from '../../src/platform/settings.js';
import { startPlatform, type Platform } from '../../src/app/platform.js';
import { silentLogger } from '../../src/shared/log.js';
import { takComponent, takSettings } from '../../src/tak/index.js';
import type { PlatformComponent } from '../../src/platform/context.js';

/** Routes and permissions of the test, without the platform's built-in ones. */
export function own<T extends { logicalAddress: string }>(entries: T[]): T[] {
  return entries.filter((e) => e.logicalAddress !== '5565594230');
}

export const TOKEN = 'test-operator-token';

export interface TakPlatform {
  platform: Platform;
  dir: string;
  /** JSON call to the admin API; `operator` adds the token */
  api: AdminApi;
  close(): Promise<void>;
}

export type AdminApi = (method: string, path: string, body?: unknown, operator?: boolean) => Promise<{ status: number; json: any }>;

/** JSON calls to an admin API; `operator` (default true) adds the token. */
export function adminApi(adminUrl: string, token = TOKEN): AdminApi {
  return async (method, path, body, operator = true) => {
    const res = await request(adminUrl + path, {
      method: method as 'GET',
      headers: { 'content-type': 'application/json', ...(operator ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
  };
}

export async function startTakPlatform(opts: { dir?: string; extra?: PlatformComponent[]; settings?: Record<string, unknown> } = {}): Promise<TakPlatform> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'ntjp-takp-'));
  const settings = {
    ...loadSettings([platformSettings, takSettings], { argv: [], env: {}, cwd: dir }),
    'platform.adminPort': 0, 'platform.adminHttpsPort': -1, 'platform.servicesPort': 0, 'platform.operatorToken': TOKEN, 'tak.seedDemo': false, 'tak.pollIntervalMs': 50,
    ...opts.settings,
  } as unknown as Record<string, never>;
  const platform = await startPlatform(settings, [takComponent, ...(opts.extra ?? [])], silentLogger);
  const adminUrl = `http://127.0.0.1:${new URL(platform.adminUrl).port}`;
  return {
    platform,
    dir,
    api: adminApi(adminUrl),
    async close() {
      await platform.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
