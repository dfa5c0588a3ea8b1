/** Orders and stores for catalogue tests, named by scenario. */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDatabase, type Db } from '../../src/store/database.js';
import { SqliteTakStore } from '../../src/tak/store-sqlite.js';
import { TakService } from '../../src/tak/service.js';
import { openTakStore } from '../../src/tak/open-store.js';
import type { FreshTarget } from '../support/each-store.js';

export const BOOKING_NS = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
export const CARE_UNIT = 'SE2321000016-1234';
export const PRODUCER = 'SE2321000016-PROD';
export const CONSUMER = 'SE2321000016-KONS';

/** A real SQLite file in a fresh temp folder; `close` removes it. */
export function tempService(): { service: TakService; db: Db; dir: string; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-tak-'));
  const db = openDatabase(join(dir, 'ntjp.db'));
  return { service: new TakService(new SqliteTakStore(db)), db, dir, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A service on a fresh database of the store under test (describeEachStore); `close` ends its connection. */
export async function serviceOn(fresh: FreshTarget): Promise<{ service: TakService; close(): Promise<void> }> {
  const { store, close } = openTakStore(await fresh(), 'ntjp test');
  return { service: new TakService(store), close };
}

/** The README's example order: one producer route and one consumer permission for MakeBooking. */
export function bookingOrder(overrides: { date?: string; url?: string; careUnit?: string } = {}): Record<string, unknown> {
  const careUnit = overrides.careUnit ?? CARE_UNIT;
  return {
    plattform: 'NTJP-TEST', formatVersion: 1, version: 1, genomforandeTidpunkt: `${overrides.date ?? '2026-01-01'}T00:00:00+0000`, utforare: 'operator',
    inkludera: {
      tjanstekontrakt: [{ namnrymd: BOOKING_NS, beskrivning: 'Boka tid', majorVersion: 1 }],
      logiskadresser: [{ hsaId: careUnit.toLowerCase(), beskrivning: 'Vårdcentral' }],
      tjanstekomponenter: [{ hsaId: PRODUCER, beskrivning: 'Journalsystem' }, { hsaId: CONSUMER.toLowerCase(), beskrivning: '1177 tidbokning' }],
      anropsbehorigheter: [{ logiskAdress: careUnit, tjanstekontrakt: BOOKING_NS, tjanstekonsument: CONSUMER }],
      vagval: [{ adress: overrides.url ?? 'https://journal.example:8443/booking', logiskAdress: careUnit, tjanstekontrakt: BOOKING_NS, rivtaprofil: 'RIVTABP21', tjanstekomponent: PRODUCER }],
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}
