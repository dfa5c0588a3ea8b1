/**
 * The format adapters as a platform part (docs/adapters.md): an SHS and an SSEK adapter on the platform's
 * built-in SOAP listener, at call addresses a route can point at (`<servicesBaseUrl>/adapters/shs` and
 * `/adapters/ssek`); the catalogue's format mappings say where each (logical address, contract) goes. Calls
 * out present the adapter's own dev-PKI certificate, which also signs SSEK messages.
 */
import type { PlatformComponent, PlatformContext } from '../platform/context.js';
import type { SettingValue } from '../config/load.js';
import { issueSystemCertificate, readIdentity } from '../pki/index.js';
import { createAgent } from '../shared/soap/client.js';
import type { VpApi } from '../vp/index.js';
import { adaptersSettings } from './settings.js';
import { mountApi } from '../platform/api/mount-api.js';
import { deliveriesRoute } from './deliveries-route.js';
import type { Bridge, BridgeDeps, Format } from './bridge.js';
import type { Delivery } from './delivery-store.js';
import { openDeliveryStore } from './open-delivery-store.js';
import { adapterHandler } from './adapter-handler.js';
import { AdapterFault } from './faults.js';
import { recordLeg } from './leg.js';
import { shsBridge } from './shs/shs-bridge.js';
import { ssekBridge } from './ssek/ssek-bridge.js';
import { pollShsReceipts, type ShsReceipt } from './shs/receipt-poller.js';

/** Where each format's adapter listens, below the built-in services' base URL. */
export const ADAPTER_PATHS: Readonly<Record<Format, string>> = { SHS: '/adapters/shs', SSEK: '/adapters/ssek' };

const BRIDGES: readonly Bridge[] = [shsBridge, ssekBridge];
const DELIVERY_LIST_MAX = 1000;

/** A delivery's final word from the receiver, for the system that made the RIV call (Mina intyg). */
export interface AdapterReceipt {
  correlationId: string;
  format: Format;
  receiver: string;
  outcome: 'confirmed' | 'error';
  /** the SHS error code and text, for `error` */
  reason?: string;
}

export interface AdaptersApi {
  /** call addresses for routes, per format */
  urls: Readonly<Record<Format, string>>;
  onReceipt(listener: (r: AdapterReceipt) => void): () => void;
  deliveries(limit?: number): Promise<Delivery[]>;
  /** one round of fetching SHS receipts now (the timer does it every adapters.shsPollIntervalMs) */
  pollReceipts(): Promise<void>;
}

/** HSA-id of the adapters' certificate: `SE<platform hsaId>-ADPT`. */
export const adapterHsaId = (platformHsaId: string): string => `SE${platformHsaId}-ADPT`;

function setting<T extends SettingValue>(ctx: PlatformContext, key: string): T {
  return (ctx.settings[key] ?? adaptersSettings.find((s) => s.key === key)!.default) as T;
}

export const adaptersComponent: PlatformComponent = {
  name: 'adapters',
  async start(ctx) {
    const log = ctx.log.child({ 'event.module': 'adapters' });
    issueSystemCertificate(ctx.certsDir, adapterHsaId(ctx.platformHsaId));
    const identity = readIdentity(ctx.certsDir, adapterHsaId(ctx.platformHsaId));
    const agent = createAgent(identity, { connections: 16 });
    const store = await openDeliveryStore(ctx);
    const traffic = ctx.use<VpApi>('vp').traffic;
    const listeners = new Set<(r: AdapterReceipt) => void>();
    const deps: BridgeDeps = {
      platformHsaId: ctx.platformHsaId,
      settings: (key) => setting(ctx, key),
      dispatcher: agent,
      signer: { certPem: identity.cert, keyPem: identity.key },
      caPem: Array.isArray(identity.ca) ? identity.ca.join('\n') : identity.ca,
      now: () => new Date(),
    };
    for (const bridge of BRIDGES) {
      ctx.soap.register(ADAPTER_PATHS[bridge.format], adapterHandler(bridge, { ...deps, catalogue: ctx.catalogue, store, traffic, instanceName: ctx.instanceName, log }));
    }
    const onReceipt = ({ delivery: d, management: m }: ShsReceipt): void => {
      const receipt: AdapterReceipt = { correlationId: d.correlationId, format: 'SHS', receiver: d.receiver, outcome: m.kind === 'confirm' ? 'confirmed' : 'error' };
      const fault = m.kind === 'error' ? new AdapterFault('ADAPTER003', d.url, m.errorCode, m.errorInfo) : undefined;
      if (m.kind === 'error') receipt.reason = `${m.errorCode}: ${m.errorInfo}`;
      recordLeg(traffic, 'SHS', d.correlationId, d.namespace, d, process.hrtime.bigint(), { httpStatus: 200, detail: `confirm for tx.id ${d.txId}`, fault });
      for (const l of listeners) {
        try {
          l(receipt);
        } catch (e) {
          log.warn('receipt listener failed', { error: (e as Error).message });
        }
      }
    };
    let polling: Promise<void> | undefined;
    const pollReceipts = (): Promise<void> => (polling ??= pollShsReceipts({ store, dispatcher: agent, log, onReceipt }).finally(() => (polling = undefined)));
    const timer = setInterval(() => void pollReceipts(), setting<number>(ctx, 'adapters.shsPollIntervalMs'));
    timer.unref();
    const urls = { SHS: ctx.servicesBaseUrl + ADAPTER_PATHS.SHS, SSEK: ctx.servicesBaseUrl + ADAPTER_PATHS.SSEK };
    const api: AdaptersApi = {
      urls,
      onReceipt: (l) => (listeners.add(l), () => void listeners.delete(l)),
      deliveries: (limit = 100) => store.list(Math.min(limit, DELIVERY_LIST_MAX)),
      pollReceipts,
    };
    ctx.provide<AdaptersApi>('adapters', api);
    mountApi(ctx.admin, { prefix: '/api/adapters', routes: [deliveriesRoute(api.deliveries)] });
    return {
      async close() {
        clearInterval(timer);
        await polling;
        await agent.close();
      },
      status: async () => ({ urls, awaitingReceipt: (await store.awaiting()).length }),
    };
  },
};
