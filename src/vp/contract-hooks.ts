/**
 * What the hub asks of the contracts component (docs/contracts.md, "In the hub"), as an interface the hub
 * owns: the contracts component registers an implementation through `VpApi.setContractHooks`, so the hub does
 * not depend on it. Without hooks, `?wsdl` gets 404 and no call is validated.
 */
export type TrafficDirection = 'request' | 'response';
export type ValidationMode = 'off' | 'report' | 'strict';

/** The validation modes of one contract, both directions from one lookup. */
export interface ContractValidationModes {
  readonly request: ValidationMode;
  readonly response: ValidationMode;
}

/** A schema violation as a hub worker's hooks report it: the element it is about and the validator's message. */
export interface FoundViolation {
  namespace: string;
  element: string;
  message: string;
}

/** What a recipe's module builds in a hub worker: hooks whose violations name their element, and a close. */
export interface WorkerContractHooks extends ContractHooks {
  validateTraffic(namespace: string, direction: TrafficDirection, xml: string): Promise<FoundViolation[]>;
  close?(): void;
}

export interface ContractDocument {
  status: number;
  contentType: string;
  body: string;
}

/**
 * How a hub worker process builds the same hooks for itself: a module (URL) exporting
 * `createContractHooks(options)`, and those options (structured-cloneable).
 */
export interface ContractHooksRecipe {
  module: string;
  options: unknown;
}

export interface ContractHooks {
  /** the recipe for hub workers; without one, workers serve no WSDL and validate nothing */
  recipe?(): ContractHooksRecipe;
  /** called whenever the recipe would change (an import, new validation rules); returns the unsubscribe */
  onChange?(listener: () => void): () => void;
  /** `?wsdl` / `?xsd=` on a hub path; undefined when the query asks for neither */
  serveWsdlRequest(pathname: string, query: URLSearchParams, requestedBaseUrl: string): ContractDocument | undefined;
  /** the hot path of every call: must be one Map lookup */
  validationModes(namespace: string): ContractValidationModes;
  /** the violations of a whole envelope ([] = valid) */
  validateTraffic(namespace: string, direction: TrafficDirection, xml: string): Promise<Array<{ message: string }>>;
  /** counts violations a hub worker's hooks found, as if found here */
  recordViolations?(namespace: string, direction: TrafficDirection, violations: FoundViolation[]): void;
  /** the SOAP fault envelope refusing a message in strict mode, and its code */
  validationFault(direction: TrafficDirection, namespace: string, violations: Array<{ message: string }>): { code: string; body: string };
}

/** A message refused by strict validation: the pipeline answers with `body` (a SOAP 1.1 fault). */
export class ContractRefusal extends Error {
  constructor(
    readonly code: string,
    readonly body: string,
  ) {
    super(code);
  }
}
