/**
 * The reference journal system (1177 journal producer): answers the journal contracts from its own SQLite
 * file and reports its engagements to the EI with Update at start and whenever records are added.
 */
import { join } from 'node:path';
import { faultReply, type SoapCall, type SoapHandler, type SoapReply } from '../../platform/soap-server.js';
import { soapEnvelope } from '../../shared/soap/envelope.js';
import { openDatabase } from '../../store/database.js';
import { reportEngagements, EI_UPDATE_NS, type Engagement } from '../ei-reporter.js';
import { contractPath, PLATFORM_ADDRESS, type LogicalAddressee, type ReferenceSystem, type ReferenceSystemEnv, type RunningReferenceSystem } from '../reference-system.js';
import { connectToHub, startProducerServer, systemIdentity } from '../system-runtime.js';
import { inboxSenderCalls } from '../inbox/inbox-sender.js';
import { demoRecords } from './demo-records.js';
import { JOURNAL_CONTRACTS, type JournalContract } from './journal-contracts.js';
import type { JournalRecord } from './journal-record.js';
import { JournalRequestError, readJournalQuery } from './journal-request.js';
import { JournalStore } from './journal-store.js';
import { organisationNumberOf, type RenderContext } from './render-context.js';

export interface JournalSystemConfig {
  name: string;
  hsaId: string;
  description: string;
  careUnits: LogicalAddressee[];
  /** which slice of the demo templates its first care unit gets (so two systems differ) */
  demoOffset: number;
  /** the 1177 inkorg's logical address: the system may send messages there (e.g. test results) */
  inboxAddress?: string;
}

export interface RunningJournalSystem extends RunningReferenceSystem {
  /** stores the records and reports the changed engagements to the EI */
  addRecords(records: JournalRecord[]): Promise<void>;
  records(): JournalRecord[];
  announce(): Promise<void>;
}

/** Engagements for records: one per (person, contract domain + categorization), at the system's own address. */
export function engagementsFor(records: JournalRecord[], systemHsaId: string): Engagement[] {
  const byKey = new Map<string, Engagement>();
  for (const r of records) {
    for (const c of JOURNAL_CONTRACTS.filter((k) => k.kind === r.kind)) {
      const key = `${r.personId}|${c.serviceDomain}|${c.categorization}`;
      const prev = byKey.get(key);
      if (prev && (prev.mostRecentContent ?? '') >= r.time) continue;
      byKey.set(key, {
        registeredResidentIdentification: r.personId,
        serviceDomain: c.serviceDomain,
        categorization: c.categorization,
        // As in the EI contract samples, the source system is also the address the aggregator calls.
        logicalAddress: systemHsaId,
        businessObjectInstanceIdentifier: 'NA',
        clinicalProcessInterestId: 'NA',
        mostRecentContent: r.time,
        sourceSystem: systemHsaId,
        dataController: organisationNumberOf(systemHsaId),
      });
    }
  }
  return [...byKey.values()];
}

function respond(contract: JournalContract, records: JournalRecord[], ctx: RenderContext): SoapReply {
  const items = records.map((r) => `<${contract.recordElement}>${contract.render(r, ctx)}</${contract.recordElement}>`).join('');
  const body = `<${contract.operation}Response xmlns="${contract.namespace}" xmlns:c="${contract.coreNs}">${items}${contract.result}</${contract.operation}Response>`;
  return { body: soapEnvelope(body) };
}

function handlerFor(contract: JournalContract, store: JournalStore, ctx: RenderContext): SoapHandler {
  return async (call: SoapCall) => {
    const p = call.payload;
    if (p.ns !== contract.namespace || p.name !== contract.operation) {
      return faultReply('Client', `This endpoint answers {${contract.namespace}}${contract.operation}, not {${p.ns}}${p.name}`);
    }
    try {
      const q = readJournalQuery(p);
      const records = q.sourceSystem !== undefined && q.sourceSystem !== ctx.systemHsaId ? [] : store.find(contract.kind, q);
      return respond(contract, records, ctx);
    } catch (e) {
      if (e instanceof JournalRequestError) return faultReply('Client', e.message);
      throw e;
    }
  };
}

const REPORT_ATTEMPTS = 3;
const REPORT_RETRY_DELAY_MS = 500;

export interface JournalSystem extends ReferenceSystem {
  start(env: ReferenceSystemEnv): Promise<RunningJournalSystem>;
}

export function createJournalSystem(config: JournalSystemConfig): JournalSystem {
  const produces = JOURNAL_CONTRACTS.map((c) => c.namespace);
  return {
    name: config.name,
    hsaId: config.hsaId,
    description: config.description,
    logicalAddresses: [{ hsaId: config.hsaId, name: config.description }, ...config.careUnits],
    produces,
    consumes: [{ namespace: EI_UPDATE_NS, logicalAddress: PLATFORM_ADDRESS }, ...(config.inboxAddress ? inboxSenderCalls(config.inboxAddress) : [])],
    async start(env) {
      const log = env.log.child({ 'service.name': config.name });
      const identity = systemIdentity(env, config.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${config.name}.db`));
      const store = new JournalStore(db);
      if (env.demoData && store.count() === 0) store.put(demoRecords(config.hsaId, config.careUnits, config.demoOffset));
      const unitNames = new Map(config.careUnits.map((u) => [u.hsaId, u.name]));
      const ctx: RenderContext = { systemHsaId: config.hsaId, systemName: config.description, careUnitName: (id) => unitNames.get(id) ?? id };
      const handlers = new Map(JOURNAL_CONTRACTS.map((c) => [contractPath(c.namespace), handlerFor(c, store, ctx)]));
      const server = await startProducerServer(env, identity, handlers);
      const hub = connectToHub(env, identity);
      const report = async (records: JournalRecord[]): Promise<void> => {
        const engagements = engagementsFor(records, config.hsaId);
        for (let attempt = 1; ; attempt++) {
          try {
            await reportEngagements(hub.caller, env.platformHsaId, engagements);
            log.info('engagements reported', { count: engagements.length });
            return;
          } catch (e) {
            if (attempt >= REPORT_ATTEMPTS) throw e;
            await new Promise((r) => setTimeout(r, REPORT_RETRY_DELAY_MS));
          }
        }
      };
      const close = async (): Promise<void> => {
        await server.close();
        await hub.close();
        db.close();
      };
      return {
        url: server.url,
        close,
        announce: () => report(store.all()),
        records: () => store.all(),
        async addRecords(records) {
          store.put(records);
          await report(records);
        },
      };
    },
  };
}
