/**
 * Shared by bench/ei-ingest.ts and bench/ei-find.ts: generated engagements (residents × engagements each)
 * and a temp EI platform.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/load.js';
import { platformSettings } from '../../src/platform/settings.js';
import { startPlatform, type Platform } from '../../src/app/platform.js';
import { eiComponent, eiSettings, EI_NS, type Engagement } from '../../src/ei/index.js';
import { FIELDS } from '../../src/ei/fields.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { escapeXml } from '../../src/shared/xml/serialize.js';

export const DOMAINS = [
  ['riv:clinicalprocess:healthcond:description', 'voo'], ['riv:clinicalprocess:healthcond:description', 'dia'],
  ['riv:clinicalprocess:healthcond:actoutcome', 'und-kkm-ure'], ['riv:clinicalprocess:activityprescription:actoutcome', 'caa-gmh'],
  ['riv:crm:scheduling', 'NA'], ['riv:clinicalprocess:logistics:logistics', 'vko'],
] as const;

/** A 12-digit person id per resident number (the EI does not enforce the personnummer pattern, like the real one). */
export function residentId(n: number): string {
  return `19${String(n).padStart(10, '0')}`;
}

/** Engagement `j` of resident `i`: spread over domains, care units and source systems. */
export function generatedEngagement(i: number, j: number): Engagement {
  const [serviceDomain, categorization] = DOMAINS[j % DOMAINS.length]!;
  return {
    registeredResidentIdentification: residentId(i),
    serviceDomain,
    categorization,
    logicalAddress: `SE2321000016-${(i * 7 + j) % 5000}`,
    businessObjectInstanceIdentifier: `doc-${j}`,
    clinicalProcessInterestId: 'NA',
    mostRecentContent: `2024${String(1 + (j % 12)).padStart(2, '0')}15120000`,
    sourceSystem: `SE2321000016-SYS${(i + j) % 40}`,
    dataController: 'SE2321000016',
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ntjp-ei-bench-'));
}

/** An EI platform on `dataDir`, its state in `database` when given (a postgres:// URL), else in `<dataDir>/ntjp.db`. */
export async function startEiPlatform(dataDir: string, database = ''): Promise<Platform> {
  const settings = { ...loadSettings([platformSettings, eiSettings], { argv: [], env: {} }), 'platform.dataDir': dataDir, 'platform.database': database, 'platform.adminPort': 0, 'platform.adminHttpsPort': -1, 'platform.servicesPort': 0, 'platform.logLevel': 'silent' };
  return startPlatform(settings, [eiComponent]);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** An EI Update of `engagements` to the platform's address. */
export function updateEnvelope(engagements: Engagement[]): string {
  const tx = engagements.map((e) => `<r:engagementTransaction><c:deleteFlag>false</c:deleteFlag><c:engagement>${
    FIELDS.filter((f) => e[f.name] !== undefined).map((f) => `<c:${f.name}>${escapeXml(e[f.name]!)}</c:${f.name}>`).join('')}</c:engagement></r:engagementTransaction>`).join('');
  return rivRequest('5565594230', `<r:Update xmlns:r="${EI_NS.update}" xmlns:c="${EI_NS.core}">${tx}</r:Update>`);
}
