/**
 * The reference booking system (1177 tidbokning producer, crm:scheduling 1.1): persisted time slots,
 * booking on behalf of a child decided by a custody table, and an EI Update on every change so the
 * aggregated GetSubjectOfCareSchedule finds the care unit.
 */
import { join } from 'node:path';
import { faultReply, type SoapHandler } from '../../platform/soap-server.js';
import { soapEnvelope } from '../../shared/soap/envelope.js';
import { NS } from '../../shared/soap/namespaces.js';
import { escapeXml } from '../../shared/xml/serialize.js';
import { openDatabase } from '../../store/database.js';
import { EI_UPDATE_NS, reportEngagements, type Engagement } from '../ei-reporter.js';
import { organisationNumberOf } from '../journal/render-context.js';
import { contractPath, PLATFORM_ADDRESS, type LogicalAddressee, type ReferenceSystem, type ReferenceSystemEnv, type RunningReferenceSystem } from '../reference-system.js';
import { connectToHub, startProducerServer, systemIdentity, type HubConnection } from '../system-runtime.js';
import { InboxSender, inboxSenderCalls } from '../inbox/inbox-sender.js';
import type { SoapAnswer } from '../../shared/soap/client.js';
import { BookingRefusal } from './booking-errors.js';
import { confirmBooking } from './booking-confirmation.js';
import { OPERATIONS, readActor, type OperationContext } from './booking-operations.js';
import { BookingStore } from './booking-store.js';
import { SCHEDULING_CORE_NS, SCHEDULING_NS } from './booking-xml.js';
import { DEMO_CUSTODY, demoSchedule } from './demo-schedule.js';

export interface BookingSystemConfig {
  name: string;
  hsaId: string;
  description: string;
  careUnits: LogicalAddressee[];
  /** the 1177 inkorg's logical address: confirm each MakeBooking there (none = no confirmations) */
  inboxAddress?: string;
  /** sees every inbox exchange through the hub (tests validate them against the schemas) */
  observeInbox?: (request: string, answer: SoapAnswer) => void;
}

export const SCHEDULING_SERVICE_DOMAIN = 'riv:crm:scheduling';
/** EI records for scheduling use `NA` (the aggregator asks with no categorization; docs/agp.md, "Served contracts"). */
export const SCHEDULING_CATEGORIZATION = 'NA';

export interface RunningBookingSystem extends RunningReferenceSystem {
  store: BookingStore;
  announce(): Promise<void>;
}

export interface BookingSystem extends ReferenceSystem {
  start(env: ReferenceSystemEnv): Promise<RunningBookingSystem>;
}

const tsNow = (): string => new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);

function engagement(config: BookingSystemConfig, personId: string, careUnit: string): Engagement {
  return {
    registeredResidentIdentification: personId,
    serviceDomain: SCHEDULING_SERVICE_DOMAIN,
    categorization: SCHEDULING_CATEGORIZATION,
    // The aggregator calls each engagement's logical address with healthcare_facility = that address
    // (docs/agp.md, "Flow" step 5).
    logicalAddress: careUnit,
    businessObjectInstanceIdentifier: 'NA',
    clinicalProcessInterestId: 'NA',
    mostRecentContent: tsNow(),
    sourceSystem: config.hsaId,
    dataController: organisationNumberOf(careUnit),
  };
}

/** Reports each changed (person, unit): an engagement while bookings remain there, a delete once none do. */
async function reportChanges(hub: HubConnection, env: ReferenceSystemEnv, config: BookingSystemConfig, store: BookingStore, changed: Array<{ personId: string; careUnit: string }>): Promise<void> {
  const keep: Engagement[] = [];
  const drop: Engagement[] = [];
  for (const c of changed) (store.bookedFor(c.personId, c.careUnit).length > 0 ? keep : drop).push(engagement(config, c.personId, c.careUnit));
  if (keep.length > 0) await reportEngagements(hub.caller, env.platformHsaId, keep);
  if (drop.length > 0) await reportEngagements(hub.caller, env.platformHsaId, drop, true);
}

export function createBookingSystem(config: BookingSystemConfig): BookingSystem {
  const interactions = Object.keys(OPERATIONS);
  return {
    name: config.name,
    hsaId: config.hsaId,
    description: config.description,
    logicalAddresses: config.careUnits,
    produces: interactions.map(SCHEDULING_NS),
    consumes: [{ namespace: EI_UPDATE_NS, logicalAddress: PLATFORM_ADDRESS }, ...(config.inboxAddress ? inboxSenderCalls(config.inboxAddress) : [])],
    async start(env) {
      const log = env.log.child({ 'service.name': config.name });
      const identity = systemIdentity(env, config.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${config.name}.db`));
      const store = new BookingStore(db);
      if (env.demoData && store.isEmpty()) {
        store.save(demoSchedule(config.careUnits));
        for (const c of DEMO_CUSTODY) store.addCustody(c.guardian, c.child);
      }
      const units = new Map(config.careUnits.map((u) => [u.hsaId, u.name]));
      const hub = connectToHub(env, identity);
      const inbox = config.inboxAddress ? new InboxSender(hub.caller, config.inboxAddress, config.observeInbox) : undefined;
      const handler = (interaction: string): SoapHandler => async (call) => {
        const ns = SCHEDULING_NS(interaction);
        if (call.payload.ns !== ns || call.payload.name !== interaction) return faultReply('Client', `This endpoint answers {${ns}}${interaction}, not {${call.payload.ns}}${call.payload.name}`);
        const ctx: OperationContext = { store, payload: call.payload, actor: readActor(call.envelope.header, NS.interopHeaders), units };
        const wrap = (inner: string): string => soapEnvelope(`<${interaction}Response xmlns="${ns}" xmlns:c="${SCHEDULING_CORE_NS}">${inner}</${interaction}Response>`);
        try {
          const result = store.atomically(() => OPERATIONS[interaction]!.run(ctx));
          if (result.changed.length > 0) {
            await reportChanges(hub, env, config, store, result.changed).catch((e: Error) => log.error('EI update after a booking change failed', { error: e.message }));
          }
          if (inbox && result.booked) await confirmBooking(inbox, config.hsaId, result.booked, units.get(result.booked.careUnit) ?? result.booked.careUnit, log);
          return { body: wrap(result.body) };
        } catch (e) {
          if (!(e instanceof BookingRefusal)) throw e;
          log.info('booking refused', { interaction, 'error.code': e.errorCode });
          return OPERATIONS[interaction]!.kind === 'write' ? { body: wrap(`<resultCode>ERROR</resultCode><resultText>${escapeXml(e.message)}</resultText>`) } : faultReply('Client', e.message, e.errorCode);
        }
      };
      const server = await startProducerServer(env, identity, new Map(interactions.map((i) => [contractPath(SCHEDULING_NS(i)), handler(i)])));
      const close = async (): Promise<void> => {
        await server.close();
        await hub.close();
        db.close();
      };
      const announce = async (): Promise<void> => {
        const booked = new Map(store.booked().map((s) => [`${s.subjectOfCare}|${s.careUnit}`, { personId: s.subjectOfCare!, careUnit: s.careUnit }]));
        if (booked.size > 0) await reportChanges(hub, env, config, store, [...booked.values()]);
      };
      return { url: server.url, close, store, announce };
    },
  };
}
