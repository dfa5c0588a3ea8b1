import type { Settings } from '../config/load.js';
import type { Logger } from '../shared/log.js';
import type { Db } from '../store/database.js';
import type { DatabaseTarget } from '../store/database-target.js';
import type { PgPool } from '../store/postgres.js';
import type { StaticCatalogueSource } from '../tak/snapshot.js';
import type { HubCaller } from '../shared/soap/client.js';
import type { SoapServer } from './soap-server.js';
import type { AdminServer } from './admin-server.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import type { XmlLimits } from '../shared/xml/limits.js';

/** What every component gets when the platform starts it. */
export interface PlatformContext {
  settings: Settings;
  log: Logger;
  /** this instance's SQLite file: the platform's state unless `postgres` is set; the local parts' state either way */
  db: Db;
  /** `platform.database` as read */
  database: DatabaseTarget;
  /** the shared PostgreSQL database when `platform.database` is postgres://…: stores that support it keep their state there */
  postgres?: PgPool;
  dataDir: string;
  certsDir: string;
  instanceId: string;
  instanceName: string;
  /** the platform's own logical address / sender id (default 5565594230) */
  platformHsaId: string;
  /** the limits every XML reader applies (platform.xml* settings) */
  xmlLimits: XmlLimits;
  /** built-in SOAP producers; the hub reaches them at `servicesBaseUrl + path` */
  soap: SoapServer;
  servicesBaseUrl: string;
  /** the per-start secret the services port requires (header `x-ntjp-platform-secret`); only the hub sends it */
  servicesSecret: string;
  admin: AdminServer;
  /** Prometheus metrics of every component, served at GET /metrics on the admin server */
  metrics: MetricsRegistry;
  operatorToken: string;
  /** where an operator finds the token: the absolute path of `<dataDir>/operator-token`, or the setting that gives it */
  operatorTokenSource: string;
  /** the catalogue the hub routes from; set by the catalogue component (or a file) before the hub starts */
  catalogue: StaticCatalogueSource;
  /** how built-in components call through the hub (internal HTTP call with sender + instance id) */
  hubCaller: HubCaller;
  /** other components' public APIs, by component name */
  provide<T>(name: string, api: T): void;
  use<T>(name: string): T;
  /** URLs to print at start, label → URL */
  urls: Map<string, string>;
  /** runs after every component has started, in registration order (e.g. the catalogue adds built-in routes) */
  afterStart(hook: () => Promise<void>): void;
}

/** A started component. */
export interface RunningComponent {
  close(): Promise<void>;
  /** a section of GET /status (a promise where the component reads it from its store) */
  status?(): unknown;
  /** keys at the top of GET /status, before the platform's own (the hub's are the real VP's status keys) */
  statusHeadline?(): Record<string, unknown>;
}

/** A part of the platform (hub, catalogue, EI, …). Started in the order of `components.ts`. */
export interface PlatformComponent {
  name: string;
  start(ctx: PlatformContext): Promise<RunningComponent>;
}
