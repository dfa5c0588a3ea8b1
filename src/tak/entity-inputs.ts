/**
 * The fields an operator gives to add a row (REST body or CLI flags), by kind. References are given by
 * name (HSA-id, namespace, profile name, URL), never by id; HSA-ids are upper-cased as TAK does.
 */
import { hsaIdFromCertificate } from '../pki/index.js';
import { addYears } from './dates.js';
import { localToday } from '../shared/local-time.js';
import type { Draft } from './draft.js';
import type { Kind, RowsByKind, WorkingRow } from './model.js';
import type { PermissionFilter } from './snapshot.js';

export type Input = Record<string, unknown>;

/** Field names each kind accepts on add (for usage texts and the OpenAPI document). */
export const INPUT_FIELDS: Record<Kind, { required: string[]; optional: string[] }> = {
  component: { required: ['hsaId or certificate'], optional: ['description', 'certificate'] },
  contract: { required: ['namespace'], optional: ['major', 'minor', 'description'] },
  logicalAddress: { required: ['hsaId'], optional: ['description'] },
  rivProfile: { required: ['name'], optional: ['description'] },
  callAddress: { required: ['url', 'component', 'profile'], optional: [] },
  route: { required: ['logicalAddress', 'namespace', 'url', 'component', 'profile'], optional: ['from', 'to'] },
  permission: { required: ['consumer', 'logicalAddress', 'namespace'], optional: ['from', 'to', 'agreement', 'filters'] },
  hsaUnit: { required: ['hsaId'], optional: ['parent', 'name'] },
  formatMapping: { required: ['logicalAddress', 'namespace', 'format', 'url'], optional: ['receiverId', 'receiverIdType', 'senderId', 'product', 'transfer', 'asynchAnswer'] },
};

const str = (input: Input, field: string, problems: string[], fallback?: string): string => {
  const v = input[field];
  if (typeof v === 'string' && v !== '') return v;
  if (fallback !== undefined && v === undefined) return fallback;
  problems.push(`${field}: required, a non-empty string`);
  return '';
};

const int = (input: Input, field: string, fallback: number, problems: string[]): number => {
  const v = input[field] === undefined ? fallback : Number(input[field]);
  if (!Number.isInteger(v)) problems.push(`${field}: must be a whole number`);
  return v;
};

/** Finds a referenced row by natural key, or records which field names a missing one. */
function ref(draft: Draft, kind: Kind, key: string, field: string, problems: string[]): number {
  const row = draft.byKey(kind, key)[0];
  if (!row && key !== '') problems.push(`${field}: no ${kind} '${key}' in the catalogue`);
  return row?.id ?? 0;
}

function period(input: Input, problems: string[]): { from: string; to: string } {
  const from = str(input, 'from', problems, localToday());
  return { from, to: str(input, 'to', problems, addYears(from, 100)) };
}

function callAddressFor(draft: Draft, input: Input, problems: string[]): number {
  const componentId = ref(draft, 'component', str(input, 'component', problems).toUpperCase(), 'component', problems);
  const profileId = ref(draft, 'rivProfile', str(input, 'profile', problems).toUpperCase(), 'profile', problems);
  const url = str(input, 'url', problems);
  if (problems.length > 0) return 0;
  return (draft.byKey('callAddress', `${componentId}|${profileId}|${url}`)[0] ?? draft.insert('callAddress', { url, componentId, profileId })).id;
}

function componentHsaId(input: Input, problems: string[]): string {
  if (typeof input.certificate !== 'string') return str(input, 'hsaId', problems).toUpperCase();
  const hsaId = hsaIdFromCertificate(input.certificate);
  if (!hsaId) problems.push('certificate: not a PEM certificate with a subject serialNumber (the HSA-id)');
  return (hsaId ?? '').toUpperCase();
}

/** Builds the row fields of a kind from an input, resolving names; implied call addresses are created. */
const BUILDERS: { [K in Kind]: (draft: Draft, input: Input, problems: string[]) => Omit<RowsByKind[K], 'id'> } = {
  component: (_d, i, p) => ({ hsaId: componentHsaId(i, p), description: str(i, 'description', p, '') }),
  contract: (_d, i, p) => {
    const namespace = str(i, 'namespace', p);
    return { namespace, major: int(i, 'major', Number(/:(\d+)$/.exec(namespace)?.[1] ?? 1), p), minor: int(i, 'minor', 0, p), description: str(i, 'description', p, '') };
  },
  logicalAddress: (_d, i, p) => ({ hsaId: str(i, 'hsaId', p).toUpperCase(), description: str(i, 'description', p, '') }),
  rivProfile: (_d, i, p) => ({ name: str(i, 'name', p).toUpperCase(), description: str(i, 'description', p, '') }),
  callAddress: (d, i, p) => ({
    url: str(i, 'url', p),
    componentId: ref(d, 'component', str(i, 'component', p).toUpperCase(), 'component', p),
    profileId: ref(d, 'rivProfile', str(i, 'profile', p).toUpperCase(), 'profile', p),
  }),
  route: (d, i, p) => ({
    logicalAddressId: ref(d, 'logicalAddress', str(i, 'logicalAddress', p).toUpperCase(), 'logicalAddress', p),
    contractId: ref(d, 'contract', str(i, 'namespace', p), 'namespace', p),
    callAddressId: callAddressFor(d, i, p),
    ...period(i, p),
  }),
  permission: (d, i, p) => ({
    consumerId: ref(d, 'component', str(i, 'consumer', p).toUpperCase(), 'consumer', p),
    logicalAddressId: ref(d, 'logicalAddress', str(i, 'logicalAddress', p).toUpperCase(), 'logicalAddress', p),
    contractId: ref(d, 'contract', str(i, 'namespace', p), 'namespace', p),
    ...period(i, p),
    agreement: str(i, 'agreement', p, 'AUTOTAKNING'),
    filters: (Array.isArray(i.filters) ? i.filters : []) as PermissionFilter[],
  }),
  hsaUnit: (_d, i, p) => ({
    hsaId: str(i, 'hsaId', p).toUpperCase(),
    parent: typeof i.parent === 'string' && i.parent !== '' ? i.parent.toUpperCase() : null,
    name: typeof i.name === 'string' ? i.name : null,
  }),
  formatMapping: (d, i, p) => {
    const format = str(i, 'format', p).toUpperCase();
    return {
      logicalAddressId: ref(d, 'logicalAddress', str(i, 'logicalAddress', p).toUpperCase(), 'logicalAddress', p),
      contractId: ref(d, 'contract', str(i, 'namespace', p), 'namespace', p),
      format: format as 'SHS' | 'SSEK',
      url: str(i, 'url', p),
      receiverId: str(i, 'receiverId', p, ''),
      receiverIdType: str(i, 'receiverIdType', p, 'ORGNR').toUpperCase(),
      senderId: str(i, 'senderId', p, ''),
      product: str(i, 'product', p, ''),
      transfer: str(i, 'transfer', p, format === 'SHS' ? 'asynch' : 'synch').toLowerCase(),
      asynchAnswer: str(i, 'asynchAnswer', p, ''),
    };
  },
};

/** Adds a row of `kind` from an operator's input; input problems are pushed, naming the field. */
export function addFromInput<K extends Kind>(draft: Draft, kind: K, input: Input, problems: string[]): WorkingRow<K> | undefined {
  const before = problems.length;
  const fields = BUILDERS[kind](draft, input, problems);
  return problems.length === before ? draft.insert(kind, fields, `${kind} (new)`) : undefined;
}
