/**
 * The catalogue's entities as the real TAK keeps them (docs/tak.md, "Data model"). Rows reference each
 * other by id; `CatalogueData` is both the published blob of a version and the export/import format.
 */
import type { FormatReceiver, IsoDate, PermissionFilter } from './snapshot.js';

/** tjänstekomponent: a producing or consuming system. */
export interface ComponentRow { id: number; hsaId: string; description: string }
/** tjänstekontrakt: a Responder namespace. */
export interface ContractRow { id: number; namespace: string; major: number; minor: number; description: string }
/** logisk adress: an HSA-id or `*`. */
export interface LogicalAddressRow { id: number; hsaId: string; description: string }
/** RIV-TA profil. */
export interface RivProfileRow { id: number; name: string; description: string }
/** anropsadress: URL of a component, spoken in one profile. */
export interface CallAddressRow { id: number; url: string; componentId: number; profileId: number }
/** vägval. */
export interface RouteRow { id: number; contractId: number; logicalAddressId: number; callAddressId: number; from: IsoDate; to: IsoDate }
/** anropsbehörighet, with its filters (filter + filtercategorization). */
export interface PermissionRow {
  id: number;
  consumerId: number;
  contractId: number;
  logicalAddressId: number;
  from: IsoDate;
  to: IsoDate;
  /** integrationsavtal; orders set `AUTOTAKNING` (docs/tak.md, "Bulk orders") */
  agreement: string;
  filters: PermissionFilter[];
}
/** An HSA unit and its parent, published with the catalogue for the hub's climb. */
export interface HsaUnitRow { id: number; hsaId: string; parent: string | null; name: string | null }
/** formatkonvertering: a (logical address, contract) row carried to an SHS or SSEK receiver (docs/adapters.md). */
export interface FormatMappingRow extends FormatReceiver {
  id: number;
  logicalAddressId: number;
  contractId: number;
  /** SHS transfer: `synch` (the reply is the RIV answer) or `asynch` (asynchAnswer at once, the receipt later) */
  transfer: string;
}

export interface RowsByKind {
  component: ComponentRow;
  contract: ContractRow;
  logicalAddress: LogicalAddressRow;
  rivProfile: RivProfileRow;
  callAddress: CallAddressRow;
  route: RouteRow;
  permission: PermissionRow;
  hsaUnit: HsaUnitRow;
  formatMapping: FormatMappingRow;
}
export type Kind = keyof RowsByKind;

/** In dependency order: a row only references kinds listed before it. */
export const KINDS: readonly Kind[] = ['component', 'contract', 'logicalAddress', 'rivProfile', 'callAddress', 'route', 'permission', 'hsaUnit', 'formatMapping'];

/** Kinds with a validity period: they can be ended as well as deleted. */
export const DATED_KINDS: ReadonlySet<Kind> = new Set(['route', 'permission']);

/** Who changed a row and when; set while the change is pending (unpublished), like TAK's updatedBy. */
export interface RowMeta { updatedBy: string | null; updatedTime: string | null; deleted: boolean }

export type WorkingRow<K extends Kind> = RowsByKind[K] & RowMeta;

/** Every row of every kind; the published form carries no RowMeta. */
export type CatalogueData = { formatVersion: 1 } & { [K in Kind]: RowsByKind[K][] };

export type WorkingData = { [K in Kind]: WorkingRow<K>[] };

export function emptyData(): CatalogueData {
  return { formatVersion: 1, component: [], contract: [], logicalAddress: [], rivProfile: [], callAddress: [], route: [], permission: [], hsaUnit: [], formatMapping: [] };
}

export function emptyWorking(): WorkingData {
  return { component: [], contract: [], logicalAddress: [], rivProfile: [], callAddress: [], route: [], permission: [], hsaUnit: [], formatMapping: [] };
}

/** Profiles every catalogue starts with (RivTaProfil). */
export const DEFAULT_PROFILES: ReadonlyArray<Omit<RivProfileRow, 'id'>> = [
  { name: 'RIVTABP20', description: 'RIV-TA Basic Profile 2.0 (WS-Addressing To)' },
  { name: 'RIVTABP21', description: 'RIV-TA Basic Profile 2.1 (LogicalAddress header)' },
];

/** Reference fields: field → the kind it points at. */
export const REFERENCES: Partial<{ [K in Kind]: ReadonlyArray<[keyof RowsByKind[K] & string, Kind]> }> = {
  callAddress: [['componentId', 'component'], ['profileId', 'rivProfile']],
  route: [['contractId', 'contract'], ['logicalAddressId', 'logicalAddress'], ['callAddressId', 'callAddress']],
  permission: [['consumerId', 'component'], ['contractId', 'contract'], ['logicalAddressId', 'logicalAddress']],
  formatMapping: [['contractId', 'contract'], ['logicalAddressId', 'logicalAddress']],
};
