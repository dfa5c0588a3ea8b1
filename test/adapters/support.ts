/**
 * A platform with the hub and the format adapters, a catalogue routing receivers to the adapters with the
 * given format mappings, and a consumer (Mina intyg's certificate) sending signed RegisterCertificate 3.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startTestPlatform, testIdentity, type TestPlatform } from '../support/platform.js';
import { vpComponent } from '../../src/vp/index.js';
import { adaptersComponent, type AdaptersApi, type Format } from '../../src/adapters/index.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import type { FormatMappingEntry } from '../../src/tak/snapshot.js';
import { silentLogger } from '../../src/shared/log.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { callThroughHub, type SoapAnswer } from '../../src/shared/soap/client.js';
import { CERT_NS, RECEIVER_CONTRACTS } from '../../src/services/certificates/certificate-contracts.js';
import { intygXml, registerCertificateXml } from '../../src/services/certificates/certificate-xml.js';
import { signIntyg } from '../../src/services/certificates/certificate-signature.js';
import { DEMO_DOCTOR, demoCertificate } from '../../src/services/certificates/demo-certificate.js';
import { TEST_PERSONS } from '../../src/services/test-persons.js';
import type { ReferenceSystemEnv } from '../../src/services/reference-system.js';

export const SENDER = 'SE5565594230-MI01';

export async function adapterPlatform(settings: Record<string, number | string> = {}): Promise<TestPlatform> {
  return startTestPlatform({ components: [vpComponent, adaptersComponent], settings: { 'adapters.shsPollIntervalMs': 60_000, ...settings } });
}

export function systemEnv(tp: TestPlatform, dataDir: string): ReferenceSystemEnv {
  return { host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', certsDir: tp.certsDir, dataDir, hubHttpsUrl: tp.hubHttpsUrl, platformHsaId: '5565594230', demoData: false, log: silentLogger };
}

export type MappingInput = Omit<FormatMappingEntry, 'id' | 'namespace' | 'receiverIdType' | 'senderId' | 'asynchAnswer' | 'product' | 'transfer'> &
  Partial<Pick<FormatMappingEntry, 'receiverIdType' | 'senderId' | 'asynchAnswer' | 'product' | 'transfer' | 'namespace'>>;

/** Routes each logical address's certificate contracts to the adapter of its format; mappings as given. */
export function adapterCatalogue(tp: TestPlatform, routed: Array<{ logicalAddress: string; format: Format }>, mappings: MappingInput[]): void {
  const urls = tp.ctx.use<AdaptersApi>('adapters').urls;
  const snapshot = snapshotFromOrder({
    genomforandeTidpunkt: '2020-01-01',
    inkludera: {
      tjanstekontrakt: RECEIVER_CONTRACTS.map((namnrymd) => ({ namnrymd })),
      logiskadresser: routed.map((r) => ({ hsaId: r.logicalAddress })),
      tjanstekomponenter: [{ hsaId: SENDER }, { hsaId: 'RECEIVER' }],
      anropsbehorigheter: routed.flatMap((r) => RECEIVER_CONTRACTS.map((tjanstekontrakt) => ({ logiskAdress: r.logicalAddress, tjanstekontrakt, tjanstekonsument: SENDER }))),
      vagval: routed.flatMap((r) => RECEIVER_CONTRACTS.map((tjanstekontrakt) => ({ adress: urls[r.format], logiskAdress: r.logicalAddress, tjanstekontrakt, rivtaprofil: 'RIVTABP21', tjanstekomponent: 'RECEIVER' }))),
    },
    exkludera: {},
  });
  const formatMappings = mappings.flatMap((m, i) =>
    (m.namespace ? [m.namespace] : RECEIVER_CONTRACTS).map((namespace, j) => ({
      receiverIdType: 'ORGNR', senderId: '', asynchAnswer: '', product: '', transfer: m.format === 'SHS' ? 'asynch' : 'synch', ...m, namespace, id: i * 10 + j + 1,
    }) as FormatMappingEntry),
  );
  tp.setCatalogue({ ...snapshot, formatMappings });
}

/** A freshly signed RegisterCertificate 3 for Tolvan, as Mina intyg sends it. */
export function registerCertificate(): { id: string; payload: string } {
  const doctor = testIdentity(DEMO_DOCTOR.hsaId);
  const cert = demoCertificate(TEST_PERSONS[0]!);
  return { id: cert.id.extension, payload: registerCertificateXml(signIntyg(intygXml(cert), { certPem: doctor.cert, keyPem: doctor.key })) };
}

export function send(tp: TestPlatform, logicalAddress: string, payload: string, correlationId?: string): Promise<SoapAnswer> {
  return callThroughHub({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent(SENDER) }, rivRequest(logicalAddress, payload), { correlationId, timeoutMs: 20_000 });
}

/** The certificate ids a receiver holds, read from its own SQLite file. */
export function receivedIds(dataDir: string, systemName: string): string[] {
  const db = new Database(join(dataDir, 'services', `${systemName}.db`), { readonly: true });
  try {
    return (db.prepare('SELECT id_extension AS id FROM received_certificate ORDER BY received_at').all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

export { CERT_NS };
