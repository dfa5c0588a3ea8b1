import type { PlatformComponent, PlatformContext } from '../platform/context.js';
import type { SettingValue } from '../config/load.js';
import { callThroughHub } from '../shared/soap/client.js';
import { rivRequest } from '../shared/soap/envelope.js';
import { eiSettings } from './settings.js';
import { openEiStore } from './open-store.js';
import { EI_NS, PROCESS_NOTIFICATION_SOAP_ACTION } from './namespaces.js';
import { Notifier, type Deliver } from './notifier.js';
import { Ingest } from './ingest.js';
import { subscribersOf, type Subscriber } from './subscribers.js';
import { TRANSACTION_SERVICES, transactionHandler } from './transaction-services.js';
import { FIND_CONTENT_PATH, findContentHandler } from './find-content-service.js';
import { createEiApi } from './api.js';
import { eiRoutes } from './rest.js';
import { mountApi } from '../platform/api/mount-api.js';
import { registerOutboxMetrics } from './outbox-metrics.js';

/** A setting of the ei group, its default when the caller loaded settings without that group. */
function setting<T extends SettingValue>(ctx: PlatformContext, key: string): T {
  return (ctx.settings[key] ?? eiSettings.find((s) => s.key === key)!.default) as T;
}

/**
 * A ProcessNotification through the hub as the platform (docs/ei.md, "Notification"). The subscriber's ResultCode
 * is not inspected; a fault, a non-SOAP answer or a transport error is a failure.
 */
function deliverThroughHub(ctx: PlatformContext, timeoutMs: number): Deliver {
  return async (entry, signal) => {
    const answer = await callThroughHub(ctx.hubCaller, rivRequest(entry.subscriber, entry.payload), {
      correlationId: entry.correlationId, soapAction: PROCESS_NOTIFICATION_SOAP_ACTION, timeoutMs, signal, xmlLimits: ctx.xmlLimits,
    });
    if (answer.envelope?.fault) throw new Error(`HTTP ${answer.status}, fault: ${answer.envelope.fault.string}`);
    if (answer.status !== 200 || !answer.envelope) throw new Error(`HTTP ${answer.status}, not a SOAP answer: ${answer.body.slice(0, 200)}`);
  };
}

/**
 * How often an instance looks at the store for work another one left: queues whose lease expired (its holder
 * died) or that it has not heard of, and held requests after the lock was lifted elsewhere.
 */
const CATCH_UP_MS = 1000;

/** What a lease outlasts the delivery timeout by at least: time to record the outcome after the last byte. */
const LEASE_MARGIN_MS = 5000;

/** The engagement index (engagemangsindex): Update, ProcessNotification, FindContent and notification. */
export const eiComponent: PlatformComponent = {
  name: 'ei',
  async start(ctx) {
    const store = await openEiStore(ctx.postgres ? { postgres: ctx.postgres } : { db: ctx.db });
    const hsaId = setting<string>(ctx, 'ei.hsaId') || ctx.platformHsaId;
    const alternative = setting<string>(ctx, 'ei.alternativeHsaId');
    const reserved = setting<string[]>(ctx, 'ei.notAllowedHsaIds');
    const timeoutMs = setting<number>(ctx, 'ei.notificationTimeoutMs');
    const log = ctx.log.child({ 'event.module': 'ei' });

    let subscribers: Subscriber[] = subscribersOf(ctx.catalogue.current(), ctx.platformHsaId);
    const unsubscribe = ctx.catalogue.subscribe((snapshot) => {
      subscribers = subscribersOf(snapshot, ctx.platformHsaId);
    });
    registerOutboxMetrics(ctx.metrics, store.outbox);
    const notifier = new Notifier({
      outbox: store.outbox,
      deliver: deliverThroughHub(ctx, timeoutMs),
      log,
      leaseMs: Math.max(setting<number>(ctx, 'ei.notificationLeaseMs'), timeoutMs + LEASE_MARGIN_MS),
      pollMs: CATCH_UP_MS,
      ownerPrefix: ctx.instanceId,
      policy: {
        timeoutMs,
        maxRedeliveries: setting(ctx, 'ei.notificationMaxRedeliveries'),
        redeliveryDelayMs: setting(ctx, 'ei.notificationRedeliveryDelayMs'),
        backoffMultiplier: setting(ctx, 'ei.notificationBackoffMultiplier'),
        maxRedeliveryDelayMs: setting(ctx, 'ei.notificationMaxRedeliveryDelayMs'),
      },
    });
    const ingest = new Ingest({ store, notifier, subscribers: () => subscribers, ownHsaId: hsaId });
    const options = {
      ownHsaIds: alternative ? [hsaId, alternative] : [hsaId],
      reservedHsaIds: new Set(reserved.length > 0 ? reserved : [hsaId, ctx.platformHsaId]),
      faultOnValidationError: setting<boolean>(ctx, 'ei.faultOnValidationError'),
    };
    for (const service of TRANSACTION_SERVICES) ctx.soap.register(service.path, transactionHandler(service, ingest, options), [service.ns]);
    ctx.soap.register(FIND_CONTENT_PATH, findContentHandler(store), [EI_NS.findContent]);

    const api = createEiApi({ store, subscribers: () => subscribers, wake: (s) => notifier.wake(s), applyHeld: () => ingest.applyHeld() });
    ctx.provide('ei', api);
    mountApi(ctx.admin, { prefix: '/api/ei', routes: eiRoutes(api), codes: { query: 'EI_ERR_QUERY', body: 'EI_ERR_BODY' } });
    // Requests held by a lock lifted meanwhile, then every queue left non-empty: after a restart, and from then on
    // for what other instances (or the CLI) leave in the store.
    const catchUp = async (): Promise<void> => {
      await ingest.applyHeld();
      for (const s of await store.outbox.pendingSubscribers()) notifier.wake(s);
    };
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    ctx.afterStart(async () => {
      await catchUp();
      // One at a time (a slow database must not pile them up), and close waits for the one running.
      timer = setInterval(() => {
        running ??= catchUp().catch((e: Error) => log.error('EI catch-up failed', { error: e.message })).finally(() => (running = undefined));
      }, CATCH_UP_MS);
    });
    return {
      status: async () => {
        const { engagements, writeLock, heldRequests, outbox: queues } = await api.stats();
        return { engagements, subscribers: subscribers.length, writeLock, heldRequests, outbox: queues };
      },
      close: async () => {
        clearInterval(timer);
        await running;
        unsubscribe();
        await notifier.close();
      },
    };
  },
};
