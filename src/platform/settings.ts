import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { databaseTarget } from '../store/database-target.js';
import { ConfigError } from '../config/load.js';
import type { SettingsGroup } from '../config/settings.js';
import { OPERATOR_HSA_ID } from '../pki/index.js';
import { DEFAULT_XML_LIMITS, XML_LIMIT_SETTINGS } from '../shared/xml/limits.js';

/** Settings shared by every component of one platform instance. */
export const platformSettings: SettingsGroup = [
  { key: 'platform.dataDir', type: 'path', default: 'data', doc: 'Folder of the SQLite database and imported contracts.', alias: '--data' },
  {
    key: 'platform.database',
    type: 'string',
    default: '',
    doc: "Where the platform's durable state lives: empty = the embedded SQLite file <dataDir>/ntjp.db; a file path = that SQLite file; postgres://user@host:port/db = a PostgreSQL database, which several instances can share. The reference systems keep their own SQLite files in <dataDir> either way.",
  },
  { key: 'platform.certsDir', type: 'path', default: 'certs', doc: 'Folder of the dev CA and the generated certificates.' },
  { key: 'platform.host', type: 'string', default: '127.0.0.1', doc: 'Address every listener binds to.' },
  { key: 'platform.publicHost', type: 'string', default: 'localhost', doc: 'Host name printed in URLs.' },
  { key: 'platform.instanceId', type: 'string', default: 'NTJP-EMULATOR-1', doc: 'This instance id (vp.instance.id): trusted in x-vp-instance-id, appended to the routing history.' },
  { key: 'platform.instanceName', type: 'string', default: 'NTJP-EMULATOR', doc: 'Name shown in faults as `VPnnn [name] …` (vp.instance.name).' },
  { key: 'platform.hsaId', type: 'string', default: '5565594230', doc: "The platform's own logical address and sender id: engagement index, aggregating and registry services." },
  { key: 'platform.adminPort', type: 'int', default: 8090, doc: 'Port of the REST API, /status, /metrics and the web console.' },
  { key: 'platform.adminHttpsPort', type: 'int', default: 8443, doc: 'HTTPS port of the same admin server (certificate <certsDir>/hub.pem), where an operator may present a client certificate instead of the token; -1 = no HTTPS listener.' },
  { key: 'platform.servicesPort', type: 'int', default: 8091, doc: 'Port of the built-in SOAP producers (EI, AgP, registry); the hub routes to it, and it answers the hub only (a per-start secret; docs/vp.md).' },
  { key: 'platform.operatorToken', type: 'string', default: '', doc: 'Bearer token for writes; empty = generated on first start into <dataDir>/operator-token.' },
  { key: 'platform.operatorHsaIds', type: 'list', default: [OPERATOR_HSA_ID], doc: 'HSA-ids (subject serialNumber) of client certificates that count as the operator on the HTTPS admin listener; the certificate must chain to vp.trustedCas (default the dev CA).' },
  {
    key: XML_LIMIT_SETTINGS.maxDepth,
    type: 'int',
    default: DEFAULT_XML_LIMITS.maxDepth,
    doc: 'Deepest element nesting the XML readers (hub, EI, aggregating, registry and reference services, HSA import) accept; beyond it the message is refused as malformed (VP015 at the hub). RIV messages nest about 15 deep; libxml2, which reads for traffic validation, keeps its own 256.',
  },
  {
    key: XML_LIMIT_SETTINGS.maxElements,
    type: 'int',
    default: DEFAULT_XML_LIMITS.maxElements,
    doc: 'Most elements in one message. A 15 MiB body (vp.maxBodyBytes) at this count averages 15 characters an element, less than a RIV element with its namespaced tags and value takes.',
  },
  {
    key: XML_LIMIT_SETTINGS.maxAttributes,
    type: 'int',
    default: DEFAULT_XML_LIMITS.maxAttributes,
    doc: 'Most attributes on one element, namespace declarations included. RIV schemas give an element a few attributes, and an envelope declares some tens of namespaces.',
  },
  {
    key: XML_LIMIT_SETTINGS.maxNamespaceDeclarations,
    type: 'int',
    default: DEFAULT_XML_LIMITS.maxNamespaceDeclarations,
    doc: 'Most namespace declarations (xmlns, xmlns:p) in one message: one every 157 bytes of a 15 MiB body, more than a producer writes even when it declares xsi again on every nil element.',
  },
  {
    key: 'platform.workers',
    type: 'string',
    default: '0',
    doc: 'Processes serving the hub\'s two SOAP listeners on shared ports: a number, or auto (one per core the machine offers). 0 = the hub in the main process. With N >= 1 the main process keeps everything stateful and each worker routes from its own copy of the catalogue (docs/workers.md). Default 0 because on the standard 2-core machine workers served no more calls (2 workers about half what 1 did) and each costs about 130 MB (docs/benchmarks.md, "Hub throughput by workers").',
  },
  { key: 'platform.logLevel', type: 'string', default: 'info', doc: 'debug, info, warn, error or silent.' },
  { key: 'platform.logFormat', type: 'string', default: 'auto', doc: 'json (one ECS object per line: pino with the ECS formatter), text (one readable line per record) or auto (text when standard output is a terminal, else json).' },
];

/**
 * The SQLite file of this instance: the one `platform.database` names, else `<dataDir>/ntjp.db` (also when the
 * platform's state is on PostgreSQL: the parts that stay local keep it there).
 */
export function databaseFile(settings: Record<string, unknown>): string {
  const target = databaseTarget(settings);
  return target.kind === 'sqlite' ? target.file : join(settings['platform.dataDir'] as string, 'ntjp.db');
}

/** `platform.workers` as a count: `auto` is the machine's available parallelism. */
export function hubWorkerCount(settings: Record<string, unknown>): number {
  const given = String(settings['platform.workers'] ?? '0').trim();
  if (given === 'auto') return availableParallelism();
  if (!/^\d+$/.test(given)) throw new ConfigError(`platform.workers: '${given}' is not a number of workers or auto`);
  return Number(given);
}
