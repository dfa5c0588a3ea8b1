import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSettings, type SettingValue } from '../../src/config/load.js';
import { platformSettings } from '../../src/platform/settings.js';
import { startPlatform, type Platform } from '../../src/app/platform.js';
import { closeServer } from '../../src/shared/listen.js';
import { StaticCatalogueSource, type CatalogueSnapshot, type PermissionFilter } from '../../src/tak/snapshot.js';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { parseEnvelope, type ParsedEnvelope } from '../../src/shared/soap/envelope.js';
import { eiComponent, eiSettings, EI_NS, type EiApi } from '../../src/ei/index.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';

export interface EiUnderTest {
  platform: Platform;
  api: EiApi;
  dataDir: string;
  /** posts straight to the services port, with the secret the hub would add */
  post(path: string, envelope: string, headers?: Record<string, string>): Promise<SoapAnswer>;
  /** publishes a catalogue with these ProcessNotification subscribers for the platform's sender id */
  subscribe(subscribers: Array<{ logicalAddress: string; filters?: PermissionFilter[] }>): void;
  close(): Promise<void>;
}

/** Starts a platform with only the EI, ports 0, in a (given or new) temp data folder. */
export async function startEi(overrides: Record<string, SettingValue> = {}, dataDir = mkdtempSync(join(tmpdir(), 'ntjp-ei-'))): Promise<EiUnderTest> {
  const settings = { ...loadSettings([platformSettings, eiSettings], { argv: [], env: {}, cwd: dataDir }), 'platform.dataDir': dataDir, 'platform.certsDir': join(dataDir, 'certs'), 'platform.adminPort': 0, 'platform.adminHttpsPort': -1, 'platform.servicesPort': 0, 'platform.logLevel': 'silent', ...overrides };
  const platform = await startPlatform(settings, [eiComponent]);
  const catalogue = platform.ctx.catalogue as StaticCatalogueSource;
  return {
    platform,
    api: platform.ctx.use<EiApi>('ei'),
    dataDir,
    post: (path, envelope, headers = { 'x-skltp-correlation-id': 'test-correlation' }) =>
      postSoap({ url: platform.servicesBaseUrl + path, body: envelope, headers: { ...headers, [PLATFORM_SECRET_HEADER]: platform.ctx.servicesSecret } }),
    subscribe(subscribers) {
      catalogue.set(snapshotWith(platform.ctx.platformHsaId, subscribers));
    },
    close: () => platform.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function snapshotWith(consumer: string, subscribers: Array<{ logicalAddress: string; filters?: PermissionFilter[] }>): CatalogueSnapshot {
  return {
    version: 1,
    publishedAt: new Date().toISOString(),
    routes: [],
    hsaUnits: [],
    permissions: subscribers.map((s, i) => ({
      id: i + 1, logicalAddress: s.logicalAddress, namespace: EI_NS.processNotification, consumer, from: '2000-01-01', to: '2100-01-01', filters: s.filters ?? [],
    })),
  };
}

export interface ReceivedNotification {
  logicalAddress: string;
  correlationId: string | undefined;
  envelope: ParsedEnvelope;
  /** the envelope as received */
  raw: string;
}

/**
 * Subscriber systems outside the platform: one real HTTP server answering ProcessNotification for several
 * logical addresses. `behaviour` decides per call (ok, fault, garbage, hang). Without the hub it stands
 * where the hub would forward to, so the EI's hub caller points at it.
 */
export async function startSubscribers(behaviour: (logicalAddress: string, n: number) => 'ok' | 'fault' | 'garbage' | 'hang' = () => 'ok'): Promise<{
  url: string; received: ReceivedNotification[]; attempts: Map<string, number>; close(): Promise<void>;
}> {
  const received: ReceivedNotification[] = [];
  const attempts = new Map<string, number>();
  const hanging: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const envelope = parseEnvelope(raw);
      const address = envelope.logicalAddress ?? '';
      const n = (attempts.get(address) ?? 0) + 1;
      attempts.set(address, n);
      const what = behaviour(address, n);
      if (what === 'hang') return void hanging.push(req);
      if (what === 'garbage') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('this is not SOAP');
      if (what === 'fault') return void res.writeHead(500, { 'content-type': 'text/xml' }).end('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>subscriber down</faultstring></s:Fault></s:Body></s:Envelope>');
      received.push({ logicalAddress: address, correlationId: req.headers['x-skltp-correlation-id'] as string | undefined, envelope, raw });
      res.writeHead(200, { 'content-type': 'text/xml' }).end(`<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ProcessNotificationResponse xmlns="${EI_NS.processNotification}"><ResultCode>OK</ResultCode></ProcessNotificationResponse></s:Body></s:Envelope>`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vp`,
    received,
    attempts,
    close: () => closeServer(server),
  };
}

/** Points the EI's hub caller at a stand-in (until the through-the-hub tests replace it). */
export function routeNotificationsTo(ei: EiUnderTest, url: string): void {
  ei.platform.ctx.hubCaller = { ...ei.platform.ctx.hubCaller, url };
}

/** Polls until `check` holds; bounded in count and time, so a broken feature fails instead of hanging. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, maxPolls = 200, pollMs = 25): Promise<void> {
  for (let i = 0; i < maxPolls; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
