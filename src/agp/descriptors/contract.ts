/**
 * The data that makes one aggregated contract (docs/agp.md, "How to add a contract"). The engine
 * reads only this: adding a contract is adding a descriptor file and listing it in `index.ts`.
 */

/** Where a value sits in the request: an element, optionally a child of it (PersonIdType `id`, IIType `extension`). */
export interface RequestField {
  /** local name of the request child, e.g. `patientId` */
  element: string;
  /** local name of the child carrying the value; absent = the element's own text */
  part?: string;
}

/** The result element the contract's real aggregator writes into its merged answer (per contract in docs/agp.md). */
export interface MergedResult {
  /** namespace of the `result` element itself */
  ns: string;
  /** namespace of its children (the domain's core namespace) */
  fieldsNs: string;
  /** children in schema order */
  fields: ReadonlyArray<readonly [name: string, value: string]>;
}

/** A request element the aggregator refuses, with the fault text the real service gives. */
export interface RefusedRequestElement {
  element: string;
  faultText: string;
}

/** A request element rewritten per call (scheduling; docs/agp.md, "Flow" step 5). */
export interface RequestRewrite {
  element: string;
  /** the called logical address, or the patient id of the aggregated request */
  value: 'logicalAddress' | 'patientId';
}

export interface AggregatedContract {
  /** interaction name without `Interaction`, e.g. `GetCareDocumentation` */
  interaction: string;
  major: number;
  /** Responder namespace of the producers' contract (the aggregator answers the same one) */
  namespace: string;
  /** EI serviceDomain (with the `riv:` prefix) */
  serviceDomain: string;
  /** EI categorizations; one is sent in FindContent, several are filtered afterwards, none = all */
  categorizations: readonly string[];
  patientId: RequestField;
  /** the request's source-system filter (`sourceSystemHSAId` or its equivalent), if the contract has one */
  sourceSystem?: RequestField;
  /** list elements of the response, in schema order; concatenated over sources */
  records: readonly string[];
  /** the result element written into the merged answer; absent when the real aggregator writes none */
  result?: MergedResult;
  refused?: readonly RefusedRequestElement[];
  /** one call per distinct engagement `sourceSystem` (default) or per `logicalAddress` (scheduling) */
  fanOutBy: 'sourceSystem' | 'logicalAddress';
  rewrites?: readonly RequestRewrite[];
  /** producer timeout of this contract when no setting overrides it (helm: 15 s for scheduling) */
  producerTimeoutMs?: number;
}

/** `GetCareDocumentation:3`: the key used in settings and paths. */
export function contractKey(c: Pick<AggregatedContract, 'interaction' | 'major'>): string {
  return `${c.interaction}:${c.major}`;
}
