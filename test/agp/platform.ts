/**
 * A test platform for the aggregating services: the real hub, EI and AgP (test/support/platform.ts) on a
 * real SQLite file, and a catalogue built per test. Consumers and producers call through the hub over loopback.
 */
import type { SettingValue } from '../../src/config/load.js';
import type { Platform } from '../../src/app/platform.js';
import type { Logger } from '../../src/shared/log.js';
import { callThroughHub, type SoapAnswer } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { HEADER } from '../../src/shared/soap/namespaces.js';
import { escapeXml } from '../../src/shared/xml/serialize.js';
import type { PermissionEntry, RouteEntry } from '../../src/tak/snapshot.js';
import { vpComponent } from '../../src/vp/index.js';
import { eiComponent, EI_NS } from '../../src/ei/index.js';
import { agpComponent } from '../../src/agp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

export const PLATFORM = '5565594230';
export const CONSUMER = 'SE2321000016-1177';
export const PRODUCER_SYSTEM = 'SE2321000016-JOURNAL';
export const PATIENT = '191212121212';

const FROM = '2000-01-01';
const TO = '2099-12-31';

export interface EngagementRow {
  logicalAddress: string;
  sourceSystem?: string;
  serviceDomain: string;
  categorization: string;
}

export interface AgpPlatform {
  platform: Platform;
  test: TestPlatform;
  /** routes a contract at a logical address to a producer URL */
  route(address: string, namespace: string, url: string): void;
  permit(consumer: string, address: string, namespace: string): void;
  /** reports engagements to the real EI through the hub (Update at `eiAddress`, default the platform's) */
  engage(engagements: EngagementRow[], eiAddress?: string): Promise<void>;
  /** a consumer's call of an aggregated contract at the platform's logical address, through the hub */
  call(payloadXml: string, opts?: { headers?: Record<string, string>; extraSoapHeaders?: string[] }): Promise<SoapAnswer>;
  close(): Promise<void>;
}

export function updatePayload(engagements: readonly EngagementRow[]): string {
  const field = (n: string, v: string): string => `<c:${n}>${escapeXml(v)}</c:${n}>`;
  const tx = engagements.map(
    (e, i) =>
      `<engagementTransaction>${field('deleteFlag', 'false')}<c:engagement>${field('registeredResidentIdentification', PATIENT)}${field('serviceDomain', e.serviceDomain)}${field('categorization', e.categorization)}${field('logicalAddress', e.logicalAddress)}${field('businessObjectInstanceIdentifier', `boi-${i}`)}${field('clinicalProcessInterestId', 'NA')}${field('sourceSystem', e.sourceSystem ?? e.logicalAddress)}${field('dataController', 'SE2321000016-0001')}</c:engagement></engagementTransaction>`,
  );
  return `<Update xmlns="${EI_NS.update}" xmlns:c="${EI_NS.core}">${tx.join('')}</Update>`;
}

/**
 * Starts hub + EI + AgP. Every built-in SOAP service is routed at the platform's address (and, with
 * `ei.hsaId` set, the EI's services at that address too); the EI's services are permitted to the
 * platform (FindContent) and to the test's producer system (Update), the aggregated ones to the consumer.
 */
export async function startAgpPlatform(settings: Record<string, SettingValue> = {}, log?: Logger): Promise<AgpPlatform> {
  const test = await startTestPlatform({ components: [vpComponent, eiComponent, agpComponent], settings, log });
  const { ctx, platform } = test;
  const routes: RouteEntry[] = [];
  const permissions: PermissionEntry[] = [];
  const publish = (): void => test.setCatalogue({ version: 1, publishedAt: new Date().toISOString(), routes: [...routes], permissions: [...permissions], hsaUnits: [] });
  const addRoute = (address: string, namespace: string, url: string): void => {
    routes.push({ id: routes.length + 1, logicalAddress: address, namespace, profile: 'RIVTABP21', url, component: 'TEST', from: FROM, to: TO });
  };
  const addPermission = (consumer: string, address: string, namespace: string): void => {
    permissions.push({ id: permissions.length + 1, logicalAddress: address, namespace, consumer, from: FROM, to: TO, filters: [] });
  };
  const eiAddresses = [...new Set([PLATFORM, (settings['ei.hsaId'] as string | undefined) || PLATFORM])];
  for (const s of ctx.soap.services()) {
    for (const ns of s.namespaces) {
      const isEi = ns.startsWith('urn:riv:itintegration:engagementindex');
      for (const address of isEi ? eiAddresses : [PLATFORM]) {
        addRoute(address, ns, platform.servicesBaseUrl + s.path);
        addPermission(isEi ? PLATFORM : CONSUMER, address, ns);
        if (ns === EI_NS.update) addPermission(PRODUCER_SYSTEM, address, ns);
      }
    }
  }
  publish();

  return {
    platform,
    test,
    route(address, namespace, url) {
      addRoute(address, namespace, url);
      publish();
    },
    permit(consumer, address, namespace) {
      addPermission(consumer, address, namespace);
      publish();
    },
    async engage(engagements, eiAddress = eiAddresses[eiAddresses.length - 1]!) {
      const answer = await callThroughHub(test.internalCaller(PRODUCER_SYSTEM), rivRequest(eiAddress, updatePayload(engagements)));
      if (answer.status !== 200 || !answer.body.includes('>OK<')) throw new Error(`Update failed: HTTP ${answer.status} ${answer.body}`);
    },
    call(payloadXml, opts = {}) {
      return callThroughHub(test.internalCaller(CONSUMER), rivRequest(PLATFORM, payloadXml, opts.extraSoapHeaders), {
        correlationId: 'test-correlation-id',
        headers: { [HEADER.originalConsumer]: CONSUMER, ...opts.headers },
        timeoutMs: 10_000,
      });
    },
    close: () => test.close(),
  };
}
