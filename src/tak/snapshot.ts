/**
 * The published catalogue as the rest of the platform sees it: what the hub routes on (vägval), what it
 * authorizes on (anropsbehörighet), and the HSA tree it climbs. TAK (the catalogue service) produces
 * snapshots; the hub, the EI and the aggregating services only read them (docs/tak.md).
 */
import type { RivProfile } from '../shared/soap/envelope.js';

/** A date with day resolution, `YYYY-MM-DD`; validity is inclusive at both ends (docs/tak.md, "Data model"). */
export type IsoDate = string;

/** vägval: calls to (logical address, contract) go to this URL with this RIV profile. */
export interface RouteEntry {
  id: number;
  logicalAddress: string;
  /** the Responder namespace, e.g. `urn:riv:crm:scheduling:MakeBookingResponder:1` */
  namespace: string;
  profile: RivProfile;
  url: string;
  /** HSA-id of the producing service component (tjänstekomponent) */
  component: string;
  from: IsoDate;
  to: IsoDate;
}

/** A filter on a permission (only notification and registry services use them; the hub ignores them). */
export interface PermissionFilter {
  serviceDomain: string;
  categorizations: string[];
}

/** anropsbehörighet: this consumer may call (logical address, contract). */
export interface PermissionEntry {
  id: number;
  logicalAddress: string;
  namespace: string;
  /** HSA-id of the consuming service component (tjänstekonsument) */
  consumer: string;
  from: IsoDate;
  to: IsoDate;
  filters: PermissionFilter[];
}

/** An HSA unit and its parent (undefined for a root; the climb ends at `SE`). */
export interface HsaUnit {
  hsaId: string;
  parent?: string;
  name?: string;
}

/**
 * How the platform's adapter reaches a receiver that speaks SHS or SSEK instead of RIV (docs/adapters.md).
 * Empty strings take the adapter's defaults.
 */
export interface FormatReceiver {
  format: 'SHS' | 'SSEK';
  /** the receiver's endpoint: SHS node base URL (`/rs`, `/ds` below it) or the SSEK web service URL */
  url: string;
  /** SHS `to` organisation number, or SSEK ReceiverId; '' = the logical address */
  receiverId: string;
  /** SSEK IdType (ORGNR, CN, APP, DN); SHS addresses are always organisation numbers */
  receiverIdType: string;
  /** SHS `from` / SSEK SenderId; '' = the adapter's setting */
  senderId: string;
  /** SHS product id (a UUID); '' for SSEK */
  product: string;
  /** RIV answer payload (XML) given at once for an asynch SHS transfer; '' = an empty Body */
  asynchAnswer: string;
}

/** formatkonvertering: (logical address, contract) carried as SHS or SSEK by the platform's adapter (docs/adapters.md). */
export interface FormatMappingEntry extends FormatReceiver {
  id: number;
  logicalAddress: string;
  namespace: string;
  transfer: 'synch' | 'asynch';
}

export interface CatalogueSnapshot {
  /** published version number (pubVersion); 0 for a catalogue loaded from a file */
  version: number;
  publishedAt: string;
  routes: RouteEntry[];
  permissions: PermissionEntry[];
  hsaUnits: HsaUnit[];
  /** absent in snapshots made without the catalogue (file loading, tests): no receiver is adapted */
  formatMappings?: FormatMappingEntry[];
}

/**
 * Where the hub and others get the current snapshot from; `subscribe` fires after every switch. A listener
 * may return a promise (the hub compiles a large catalogue in slices) that the switch then waits for.
 */
export interface CatalogueSource {
  current(): CatalogueSnapshot | undefined;
  subscribe(listener: (snapshot: CatalogueSnapshot) => unknown): () => void;
}

/** A source holding one snapshot that can be replaced atomically (used by file loading and tests). */
export class StaticCatalogueSource implements CatalogueSource {
  private snapshot: CatalogueSnapshot | undefined;
  private readonly listeners = new Set<(s: CatalogueSnapshot) => unknown>();

  constructor(initial?: CatalogueSnapshot) {
    this.snapshot = initial;
  }

  current(): CatalogueSnapshot | undefined {
    return this.snapshot;
  }

  /** Switches at once; resolves when every listener has switched too. */
  async set(snapshot: CatalogueSnapshot): Promise<void> {
    this.snapshot = snapshot;
    await Promise.all([...this.listeners].map((l) => l(snapshot)));
  }

  subscribe(listener: (s: CatalogueSnapshot) => unknown): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
