/**
 * A test platform for the aggregating services: the real EI and AgP components on a real SQLite file, the
 * stand-in hub, and a catalogue built per test. Consumers and producers call through the hub over loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/load.js';
import { platformSettings } from '../../src/platform/settings.js';
import { startPlatform, type Platform } from '../../src/platform/platform.js';
import { silentLogger } from '../../src/shared/log.js';
import { callThroughHub, type SoapAnswer } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { HEADER } from '../../src/shared/soap/namespaces.js';
import { escapeXml } from '../../src/shared/xml/serialize.js';
import type { StaticCatalogueSource, PermissionEntry, RouteEntry } from '../../src/tak/snapshot.js';
import { eiComponent, eiSettings, EI_NS } from '../../src/ei/index.js';
import { agpComponent, agpSettings } from '../../src/agp/index.js';
import { standInHub } from './stand-in-hub.js';

export const PLATFORM = '5565594230';
export const CONSUMER = 'SE2321000016-1177';
export const PRODUCER_SYSTEM = 'SE2321000016-JOURNAL';
export const PATIENT = '191212121212';

const FROM = '2000-01-01';
const TO = '2099-12-31';

export interface AgpPlatform {
  platform: Platform;
  /** routes a contract at a logical address to a producer URL */
  route(address: string, namespace: string, url: string): void;
  permit(consumer: string, address: string, namespace: string): void;
  /** reports engagements to the real EI through the hub (Update) */
  engage(engagements: Array<{ logicalAddress: string; sourceSystem?: string; serviceDomain: string; categorization: string }>): Promise<void>;
  /** a consumer's call of an aggregated contract at the platform's logical address, through the hub */
  call(payloadXml: string, opts?: { headers?: Record<string, string>; extraSoapHeaders?: string[] }): Promise<SoapAnswer>;
  close(): Promise<void>;
}

export async function startAgpPlatform(settings: Record<string, string> = {}): Promise<AgpPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ntjp-agp-'));
  const argv = Object.entries({ '--data': dataDir, '--services-port': '0', '--admin-port': '0', '--log-level': 'silent', ...settings }).flat();
  const loaded = loadSettings([platformSettings, eiSettings, agpSettings], { argv, env: {} });
  const platform = await startPlatform(loaded, [standInHub, eiComponent, agpComponent], silentLogger);
  const ctx = platform.ctx;
  const routes: RouteEntry[] = [];
  const permissions: PermissionEntry[] = [];
  const publish = (): void => (ctx.catalogue as StaticCatalogueSource).set({ version: 1, publishedAt: new Date().toISOString(), routes: [...routes], permissions: [...permissions], hsaUnits: [] });
  const route = (address: string, namespace: string, url: string): void => {
    routes.push({ id: routes.length + 1, logicalAddress: address, namespace, profile: 'RIVTABP21', url, component: 'TEST', from: FROM, to: TO });
    publish();
  };
  const permit = (consumer: string, address: string, namespace: string): void => {
    permissions.push({ id: permissions.length + 1, logicalAddress: address, namespace, consumer, from: FROM, to: TO, filters: [] });
    publish();
  };
  for (const s of ctx.soap.services()) {
    for (const ns of s.namespaces) {
      route(PLATFORM, ns, platform.servicesBaseUrl + s.path);
      permit(ns.startsWith('urn:riv:itintegration:engagementindex') ? PLATFORM : CONSUMER, PLATFORM, ns);
    }
  }
  permit(PRODUCER_SYSTEM, PLATFORM, EI_NS.update);
  const internal = (senderId: string) => ({ kind: 'internal' as const, url: ctx.hubCaller.url, senderId, instanceId: ctx.instanceId });

  return {
    platform,
    route,
    permit,
    async engage(engagements) {
      const field = (n: string, v: string): string => `<c:${n}>${escapeXml(v)}</c:${n}>`;
      const tx = engagements.map(
        (e, i) =>
          `<engagementTransaction>${field('deleteFlag', 'false')}<c:engagement>${field('registeredResidentIdentification', PATIENT)}${field('serviceDomain', e.serviceDomain)}${field('categorization', e.categorization)}${field('logicalAddress', e.logicalAddress)}${field('businessObjectInstanceIdentifier', `boi-${i}`)}${field('clinicalProcessInterestId', 'NA')}${field('sourceSystem', e.sourceSystem ?? e.logicalAddress)}${field('dataController', 'SE2321000016-0001')}</c:engagement></engagementTransaction>`,
      );
      const payload = `<Update xmlns="${EI_NS.update}" xmlns:c="${EI_NS.core}">${tx.join('')}</Update>`;
      const answer = await callThroughHub(internal(PRODUCER_SYSTEM), rivRequest(PLATFORM, payload));
      if (answer.status !== 200 || !answer.body.includes('>OK<')) throw new Error(`Update failed: HTTP ${answer.status} ${answer.body}`);
    },
    call(payloadXml, opts = {}) {
      return callThroughHub(internal(CONSUMER), rivRequest(PLATFORM, payloadXml, opts.extraSoapHeaders), {
        correlationId: 'test-correlation-id',
        headers: { [HEADER.originalConsumer]: CONSUMER, ...opts.headers },
        timeoutMs: 10_000,
      });
    },
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
