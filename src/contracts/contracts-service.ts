import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../shared/log.js';
import type { ContractHooks, ContractHooksRecipe } from '../vp/index.js';
import { CONTRACT_FAULTS, validationFault } from './faults.js';
import { loadCatalogue, type ContractDescriptor } from './catalogue.js';
import { importReleases, type ImportedRelease } from './release-import.js';
import type { ImportLimits } from './import-limits.js';
import { indexWsdls, type WsdlEntry } from './wsdl-index.js';
import { serveWsdl, type WsdlReply } from './wsdl-serving.js';
import { ValidationRules, type Direction, type ValidationMode, type ValidationRule } from './validation-rules.js';
import { SchemaSet, type Violation } from './xsd/index.js';

/** The project's own WSDL/XSD files for the platform's services (EI, registry, monitoring). */
export const OWN_WSDL_DIR = fileURLToPath(new URL('../../wsdl/', import.meta.url));

/** The module a hub worker loads to build its contract hooks (the .ts one when running from the sources). */
const HUB_WORKER_HOOKS = new URL(import.meta.url.endsWith('.ts') ? './hub-worker-hooks.ts' : './hub-worker-hooks.js', import.meta.url).href;

export interface HubWorkerHooksOptions {
  contractsDir: string;
  rules: ValidationRule[];
}

/** A contract the platform knows: our descriptor and/or an imported or own WSDL/XSD. */
export interface KnownContract {
  namespace: string;
  descriptor: ContractDescriptor | undefined;
  /** hub path of its WSDL, when one is available */
  wsdlPath: string | undefined;
  /** the schema file validating its payload, when one is available */
  schemaFile: string | undefined;
}

export interface RecordedViolation extends Violation {
  at: string;
  direction: Direction;
  contract: string;
  mode: ValidationMode;
}

const RECENT_VIOLATIONS = 200;

export interface ContractsServiceOptions {
  /** imported releases (`<dataDir>/contracts`) */
  contractsDir: string;
  rules?: ValidationRule[];
  log?: Logger;
  /** bounds on a zip import; default: the settings' defaults */
  importLimits?: ImportLimits;
  /** where a zip is unpacked during an import; default: the system's temp folder */
  importTempDir?: string;
}

/** Contract catalogue, imported releases, WSDL serving and traffic validation for one platform instance. */
export class ContractsService implements ContractHooks {
  readonly contractsDir: string;
  readonly rules: ValidationRules;
  readonly catalogue: Map<string, ContractDescriptor> = loadCatalogue();
  private schemas!: SchemaSet;
  private wsdls!: Map<string, WsdlEntry>;
  private readonly counts = new Map<string, number>();
  private readonly changeListeners = new Set<() => void>();
  private readonly recent: RecordedViolation[] = [];
  private readonly log: Logger | undefined;
  private readonly importOptions: { limits?: ImportLimits; tempDir?: string };
  /** the import under way, if any: the next one waits for it (both may replace the same release folder) */
  private importing: Promise<unknown> = Promise.resolve();

  constructor(opts: ContractsServiceOptions) {
    this.contractsDir = opts.contractsDir;
    this.rules = new ValidationRules(opts.rules, () => this.changed());
    this.log = opts.log;
    this.importOptions = { limits: opts.importLimits, tempDir: opts.importTempDir };
    this.reload();
  }

  /** Re-reads the imported releases (after an import). Imported schemas take precedence over the own ones. */
  reload(): void {
    this.schemas?.dispose();
    this.schemas = new SchemaSet([this.contractsDir, OWN_WSDL_DIR]);
    this.wsdls = indexWsdls([this.contractsDir, OWN_WSDL_DIR]);
    this.changed();
  }

  /** How a hub worker builds the same hooks: its own service over the same folder, with the same rules. */
  recipe(): ContractHooksRecipe {
    return { module: HUB_WORKER_HOOKS, options: { contractsDir: this.contractsDir, rules: this.rules.list() } satisfies HubWorkerHooksOptions };
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  /** Imports releases from a folder or zip (see release-import.ts), one import at a time, then re-reads them. */
  importReleases(source: string): Promise<ImportedRelease[]> {
    const done = this.importing.then(async () => {
      const out = await importReleases(source, this.contractsDir, this.importOptions);
      this.reload();
      return out;
    });
    this.importing = done.catch(() => undefined);
    return done;
  }

  /** The WSDLs of imported releases (not the project's own `wsdl/`). */
  importedWsdls(): WsdlEntry[] {
    return [...this.wsdls.values()].filter((w) => w.releaseDir.startsWith(this.contractsDir + sep));
  }

  list(): KnownContract[] {
    const byNs = new Map<string, WsdlEntry>();
    for (const w of this.wsdls.values()) byNs.set(w.namespace, w);
    const names = new Set([...this.catalogue.keys(), ...byNs.keys(), ...this.schemas.namespaces().filter((n) => /Responder:\d+$/.test(n))]);
    return [...names].sort().map((namespace) => ({
      namespace,
      descriptor: this.catalogue.get(namespace),
      wsdlPath: byNs.get(namespace)?.path,
      schemaFile: this.schemas.fileOf(namespace),
    }));
  }

  serveWsdlRequest(pathname: string, query: URLSearchParams, requestedBaseUrl: string): WsdlReply | undefined {
    return serveWsdl(this.wsdls, pathname, query, requestedBaseUrl);
  }

  /** The hub's check on every call: one Map lookup. */
  validationModes(namespace: string): Readonly<Record<Direction, ValidationMode>> {
    return this.rules.modes(namespace);
  }

  validationFault(direction: Direction, namespace: string, violations: Array<{ message: string }>): { code: string; body: string } {
    return { code: CONTRACT_FAULTS[direction].code, body: validationFault(direction, namespace, violations) };
  }

  /** Validates a whole envelope against the contract's schemas, counting and keeping each violation found. */
  async validateTraffic(namespace: string, direction: Direction, xml: string): Promise<Violation[]> {
    const violations = this.schemas.validateXml(xml);
    if (violations.length > 0) this.recordViolations(namespace, direction, violations);
    return violations;
  }

  /** Counts and keeps violations found in one message (here, or by a hub worker's copy of this service). */
  recordViolations(namespace: string, direction: Direction, violations: Violation[]): void {
    const mode = this.rules.mode(namespace, direction);
    const key = `${direction} ${namespace}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const at = new Date().toISOString();
    for (const v of violations) this.recent.push({ ...v, at, direction, contract: namespace, mode });
    this.recent.splice(0, Math.max(0, this.recent.length - RECENT_VIOLATIONS));
    this.log?.warn('contract violation', { contract: namespace, direction, mode, violation: violations[0]!.message, count: violations.length });
  }

  /** Validates one message without counting it (verify, tests). */
  validateXml(xml: string): Violation[] {
    return this.schemas.validateXml(xml);
  }

  /** Messages that failed validation, by `<direction> <namespace>`. */
  violationCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  recentViolations(): RecordedViolation[] {
    return [...this.recent];
  }

  close(): void {
    this.schemas.dispose();
  }
}

/** `<dataDir>/contracts` unless `contracts.dir` says otherwise. */
export function contractsDirOf(dataDir: string, configured: string): string {
  return configured || join(dataDir, 'contracts');
}
