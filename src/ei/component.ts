import type { PlatformComponent, PlatformContext } from '../platform/context.js';
import type { SettingValue } from '../config/load.js';
import { migrate } from '../store/database.js';
import { callThroughHub } from '../shared/soap/client.js';
import { rivRequest } from '../shared/soap/envelope.js';
import { EI_SCHEMA } from './schema.js';
import { eiSettings } from './settings.js';
import { EI_NS, PROCESS_NOTIFICATION_SOAP_ACTION } from './namespaces.js';
import { EngagementStore } from './engagement-store.js';
import { Outbox } from './outbox.js';
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

/** The engagement index (engagemangsindex): Update, ProcessNotification, FindContent and notification. */
export const eiComponent: PlatformComponent = {
  name: 'ei',
  async start(ctx) {
    migrate(ctx.db, 'ei', EI_SCHEMA);
    const hsaId = setting<string>(ctx, 'ei.hsaId') || ctx.platformHsaId;
    const alternative = setting<string>(ctx, 'ei.alternativeHsaId');
    const reserved = setting<string[]>(ctx, 'ei.notAllowedHsaIds');
    const timeoutMs = setting<number>(ctx, 'ei.notificationTimeoutMs');
    const log = ctx.log.child({ 'event.module': 'ei' });

    let subscribers: Subscriber[] = subscribersOf(ctx.catalogue.current(), ctx.platformHsaId);
    const unsubscribe = ctx.catalogue.subscribe((snapshot) => {
      subscribers = subscribersOf(snapshot, ctx.platformHsaId);
    });
    const store = new EngagementStore(ctx.db);
    const outbox = new Outbox(ctx.db);
    registerOutboxMetrics(ctx.metrics, outbox);
    const notifier = new Notifier({
      outbox,
      deliver: deliverThroughHub(ctx, timeoutMs),
      log,
      policy: {
        timeoutMs,
        maxRedeliveries: setting(ctx, 'ei.notificationMaxRedeliveries'),
        redeliveryDelayMs: setting(ctx, 'ei.notificationRedeliveryDelayMs'),
        backoffMultiplier: setting(ctx, 'ei.notificationBackoffMultiplier'),
        maxRedeliveryDelayMs: setting(ctx, 'ei.notificationMaxRedeliveryDelayMs'),
      },
    });
    const ingest = new Ingest({ db: ctx.db, store, outbox, notifier, subscribers: () => subscribers, ownHsaId: hsaId });
    const options = {
      ownHsaIds: alternative ? [hsaId, alternative] : [hsaId],
      reservedHsaIds: new Set(reserved.length > 0 ? reserved : [hsaId, ctx.platformHsaId]),
      faultOnValidationError: setting<boolean>(ctx, 'ei.faultOnValidationError'),
    };
    for (const service of TRANSACTION_SERVICES) ctx.soap.register(service.path, transactionHandler(service, ingest, options), [service.ns]);
    ctx.soap.register(FIND_CONTENT_PATH, findContentHandler(store), [EI_NS.findContent]);

    const api = createEiApi({ store, outbox, notifier, ingest, subscribers: () => subscribers });
    ctx.provide('ei', api);
    mountApi(ctx.admin, { prefix: '/api/ei', routes: eiRoutes(api), codes: { query: 'EI_ERR_QUERY', body: 'EI_ERR_BODY' } });
    // After a restart: requests held by a lock lifted meanwhile, then every queue left non-empty.
    ctx.afterStart(async () => {
      ingest.applyHeld();
      for (const s of outbox.pendingSubscribers()) notifier.wake(s);
    });
    return {
      status: () => {
        const { engagements, writeLock, heldRequests, outbox: queues } = api.stats();
        return { engagements, subscribers: subscribers.length, writeLock, heldRequests, outbox: queues };
      },
      close: async () => {
        unsubscribe();
        await notifier.close();
      },
    };
  },
};
