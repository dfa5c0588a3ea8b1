/** What a record renderer needs to know about the system that holds the record. */
import type { JournalRecord } from './journal-record.js';

export interface RenderContext {
  systemHsaId: string;
  systemName: string;
  careUnitName(hsaId: string): string;
}

export const HSA_ID_OID = '1.2.752.129.2.1.4.1';

/** The care giver (vårdgivare) of a care unit: same organisation prefix (demo convention). */
export function careGiverOf(careUnit: string): string {
  return `${careUnit.split('-')[0]}-E000`;
}

/** The organisation number (dataController) behind an HSA-id such as `SE2321000016-1001`. */
export function organisationNumberOf(hsaId: string): string {
  return /^SE(\d{10})/.exec(hsaId)?.[1] ?? hsaId;
}

export type RecordRenderer = (r: JournalRecord, ctx: RenderContext) => string;
