/**
 * A reference system: a stand-in for a vendor's system (journal, booking, inbox, certificates, citizen
 * e-services). Each one runs as its own process-like unit with its own port, SQLite file and SITHS-like
 * certificate, and talks to the platform only through the hub, so a vendor can swap it for their own by
 * pointing the catalogue routes at their URL.
 */
import type { Logger } from '../shared/log.js';
import type { XmlLimits } from '../shared/xml/limits.js';

/** A care unit (vårdenhet) or other logical address a system serves. */
export interface LogicalAddressee {
  hsaId: string;
  name: string;
}

/** A contract a system calls through the hub, at one logical address. */
export interface ContractCall {
  /** the Responder namespace, e.g. `urn:riv:itintegration:engagementindex:UpdateResponder:1` */
  namespace: string;
  logicalAddress: string;
}

/** Stands for the platform's own logical address (`env.platformHsaId`, EI and AgP) in `consumes`. */
export const PLATFORM_ADDRESS = '<platform>';

/** What the runner gives a system when it starts it. */
export interface ReferenceSystemEnv {
  /** bind address of the system's own server */
  host: string;
  /** port of the system's own server; 0 picks a free one (tests) */
  port: number;
  /** host name used in the URL the system reports (and the catalogue routes to) */
  publicHost: string;
  /** dev PKI folder: `<certsDir>/<hsaId>.pem|.key` and `ca.pem` */
  certsDir: string;
  /** the system keeps its data in `<dataDir>/services/<name>.db` */
  dataDir: string;
  /** the hub's mutual-TLS listener, e.g. `https://localhost:20000/vp` */
  hubHttpsUrl: string;
  /** the platform's logical address (EI and aggregating services), default `5565594230` */
  platformHsaId: string;
  /** load the demo data set on first start */
  demoData: boolean;
  log: Logger;
  /** the limits its SOAP server reads requests within (default DEFAULT_XML_LIMITS) */
  xmlLimits?: XmlLimits;
  /** the platform adapters' receipts for asynchronous SHS deliveries (docs/adapters.md); absent without them */
  onAdapterReceipt?: (listener: (r: AdapterReceipt) => void) => () => void;
}

/** A receiver's final word on an asynchronous delivery, by the correlation id of the RIV call. */
export interface AdapterReceipt {
  correlationId: string;
  outcome: 'confirmed' | 'error';
  reason?: string;
}

/**
 * A catalogue format mapping (the fields the catalogue's REST API takes, docs/adapters.md): the platform's
 * adapter carries (logicalAddress, namespace) as `format` to `url`.
 */
export interface FormatMappingInput {
  logicalAddress: string;
  namespace: string;
  format: 'SHS' | 'SSEK';
  url: string;
  receiverId?: string;
  receiverIdType?: string;
  senderId?: string;
  product?: string;
  transfer?: 'synch' | 'asynch';
  asynchAnswer?: string;
}

export interface RunningReferenceSystem {
  /** base URL of the system's producer server (empty for a pure consumer) */
  url: string;
  /**
   * Tells the platform what the system holds (e.g. EI Update of its engagements). Called by the runner once
   * the catalogue routes to every started system, since the URLs are known only after start (port 0).
   */
  announce?(): Promise<void>;
  close(): Promise<void>;
}

export interface ReferenceSystem {
  /** short kebab-case name, also the SQLite file stem */
  name: string;
  /** HSA-id of the service component (tjänstekomponent); its certificate carries it */
  hsaId: string;
  description: string;
  /** logical addresses the system produces at (its care units, and its own HSA-id as source system) */
  logicalAddresses: LogicalAddressee[];
  /** Responder namespaces it produces at each logical address, served at `url + contractPath(ns)` */
  produces: string[];
  /** contracts it calls through the hub (`PLATFORM_ADDRESS` for the platform's own services) */
  consumes: ContractCall[];
  /**
   * For a receiver that speaks SHS or SSEK instead of RIV: the format mappings for its running URL. Its
   * routes then point at the platform's adapter of that format rather than at the system.
   */
  formatMappings?(url: string): FormatMappingInput[];
  start(env: ReferenceSystemEnv): Promise<RunningReferenceSystem>;
}

/**
 * The producer path of a contract, after RIV-TA BP 2.1 rule #19 (URL carries the interaction, the major
 * version and the profile): `urn:riv:crm:scheduling:MakeBookingResponder:1` → `/MakeBooking/1/rivtabp21`.
 */
export function contractPath(namespace: string): string {
  const m = /:([A-Za-z]+)Responder:(\d+)$/.exec(namespace);
  if (!m) throw new Error(`not a RIV-TA Responder namespace: ${namespace}`);
  return `/${m[1]}/${m[2]}/rivtabp21`;
}
