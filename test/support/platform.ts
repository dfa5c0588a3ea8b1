/**
 * A whole platform for a test: every port 0 on 127.0.0.1, a temp data folder, a silent logger, one dev PKI
 * per test process (created once, certificates issued on demand) and the given components (default: the
 * hub alone) with an optional catalogue. Shared by every component's tests; keep the API stable.
 */
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { loadSettings, type SettingValue } from '../../src/config/load.js';
import { SETTINGS_GROUPS } from '../../src/app/settings-groups.js';
import { startPlatform, type Platform } from '../../src/app/platform.js';
import type { PlatformComponent, PlatformContext } from '../../src/platform/context.js';
import { silentLogger, type Logger } from '../../src/shared/log.js';
import type { HubCaller, TlsIdentity } from '../../src/shared/soap/client.js';
import { initDevPki, issueSystemCertificate, readIdentity } from '../../src/pki/index.js';
import { StaticCatalogueSource, type CatalogueSnapshot } from '../../src/tak/snapshot.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';

export const TEST_OPERATOR_TOKEN = 'test-operator-token';

let pkiDir: string | undefined;

/**
 * The process's dev PKI folder (CA and hub certificate), created on first use and removed when the process
 * exits (the whole mocha run, or one test file run alone: the test files share it).
 */
export function testCertsDir(): string {
  if (!pkiDir) {
    const dir = mkdtempSync(join(tmpdir(), 'ntjp-test-pki-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    pkiDir = dir;
    initDevPki(dir);
  }
  return pkiDir;
}

/** A SITHS-like client identity for an HSA-id, issued by the test CA on first use. */
export function testIdentity(hsaId: string): TlsIdentity {
  const dir = testCertsDir();
  if (!existsSync(join(dir, `${hsaId}.pem`))) issueSystemCertificate(dir, hsaId);
  return readIdentity(dir, hsaId);
}

export interface TestPlatformOptions {
  /** default: the hub alone */
  components?: PlatformComponent[];
  /** a snapshot, or a TAK bulk order object applied to an empty catalogue */
  catalogue?: CatalogueSnapshot | Record<string, unknown>;
  /** settings by key, over the defaults (ports are 0 unless given here) */
  settings?: Record<string, SettingValue>;
  /** default: silent */
  log?: Logger;
}

export interface TestPlatform {
  platform: Platform;
  ctx: PlatformContext;
  adminUrl: string;
  /** `https://127.0.0.1:<port>/vp` ('' without the hub) */
  hubHttpsUrl: string;
  /** `http://127.0.0.1:<port>/vp` ('' without the hub) */
  hubHttpUrl: string;
  certsDir: string;
  operatorToken: string;
  identity(hsaId: string): TlsIdentity;
  /** a keep-alive pool presenting this system's certificate (closed by close()) */
  mtlsAgent(hsaId: string): Agent;
  /** an internal caller on the HTTP listener: x-vp-sender-id + this instance's id */
  internalCaller(senderId: string): HubCaller;
  /** replaces the catalogue (a snapshot or a bulk order) */
  setCatalogue(catalogue: CatalogueSnapshot | Record<string, unknown>): void;
  close(): Promise<void>;
}

const isSnapshot = (c: CatalogueSnapshot | Record<string, unknown>): c is CatalogueSnapshot => Array.isArray((c as CatalogueSnapshot).routes);

function toSnapshot(c: CatalogueSnapshot | Record<string, unknown>): CatalogueSnapshot {
  return isSnapshot(c) ? c : snapshotFromOrder(c);
}

export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const certsDir = testCertsDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'ntjp-test-data-'));
  const settings = loadSettings([...SETTINGS_GROUPS], { argv: [], env: {}, cwd: dataDir });
  for (const key of Object.keys(settings)) if (/Port$/.test(key)) settings[key] = 0;
  Object.assign(settings, {
    'platform.dataDir': dataDir,
    'platform.certsDir': certsDir,
    'platform.host': '127.0.0.1',
    'platform.publicHost': '127.0.0.1',
    'platform.logLevel': 'silent',
    'platform.operatorToken': TEST_OPERATOR_TOKEN,
    ...opts.settings,
  });
  const components = opts.components ?? [vpComponent];
  const preload: PlatformComponent | undefined = opts.catalogue && {
    name: 'test-catalogue',
    start: async (ctx) => {
      (ctx.catalogue as StaticCatalogueSource).set(toSnapshot(opts.catalogue!));
      return { close: async () => undefined };
    },
  };
  const platform = await startPlatform(settings, preload ? [preload, ...components] : components, opts.log ?? silentLogger);
  const ctx = platform.ctx;
  const hub = components.includes(vpComponent) ? ctx.use<VpApi>('vp').urls : { https: '', http: '' };
  const agents = new Map<string, Agent>();
  return {
    platform,
    ctx,
    adminUrl: platform.adminUrl,
    hubHttpsUrl: hub.https,
    hubHttpUrl: hub.http,
    certsDir,
    operatorToken: TEST_OPERATOR_TOKEN,
    identity: testIdentity,
    mtlsAgent(hsaId) {
      let agent = agents.get(hsaId);
      if (!agent) {
        const id = testIdentity(hsaId);
        agent = new Agent({ connect: { cert: id.cert, key: id.key, ca: id.ca } });
        agents.set(hsaId, agent);
      }
      return agent;
    },
    internalCaller: (senderId) => ({ kind: 'internal', url: hub.http, senderId, instanceId: ctx.instanceId }),
    setCatalogue: (c) => (ctx.catalogue as StaticCatalogueSource).set(toSnapshot(c)),
    async close() {
      await Promise.all([...agents.values()].map((a) => a.destroy()));
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
