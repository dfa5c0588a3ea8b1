import type { RestClient } from '../rest-client.js';
import { restError } from '../deps.js';
import type { EntityView } from './entities.js';

type Row = Record<string, unknown>;

/** The lists a row's references point into (by id), with the field that names a row of each. */
const REFERENCED: ReadonlyArray<{ path: string; name: string }> = [
  { path: 'components', name: 'hsaId' },
  { path: 'contracts', name: 'namespace' },
  { path: 'logical-addresses', name: 'hsaId' },
  { path: 'riv-profiles', name: 'name' },
  { path: 'call-addresses', name: 'url' },
];

/** Which id field of a row refers to which list, and the column it fills. */
const REFERENCES: ReadonlyArray<{ idField: string; path: string; column: string }> = [
  { idField: 'componentId', path: 'components', column: 'component' },
  { idField: 'consumerId', path: 'components', column: 'consumer' },
  { idField: 'contractId', path: 'contracts', column: 'namespace' },
  { idField: 'logicalAddressId', path: 'logical-addresses', column: 'logicalAddress' },
  { idField: 'profileId', path: 'riv-profiles', column: 'profile' },
  { idField: 'callAddressId', path: 'call-addresses', column: 'url' },
];

type Lists = Map<string, Map<number, Row>>;

/** A working row's state: soft-deleted, changed since the last publish (TAK's updatedBy), or published. */
function stateOf(row: Row): string {
  if (row.deleted) return 'deleted (pending)';
  if (row.updatedBy) return `pending (${String(row.updatedBy)})`;
  return 'published';
}

/** A row with every reference replaced by the referenced row's name; a route's call address adds its component and profile. */
function resolve(row: Row, lists: Lists): Row {
  const out: Row = { ...row, state: stateOf(row) };
  for (const ref of REFERENCES) {
    if (typeof row[ref.idField] !== 'number') continue;
    const target = lists.get(ref.path)?.get(row[ref.idField] as number);
    const nameField = REFERENCED.find((r) => r.path === ref.path)!.name;
    out[ref.column] = target?.[nameField] ?? `#${String(row[ref.idField])}`;
    if (ref.path === 'call-addresses' && target) Object.assign(out, resolve(target, lists), { id: row.id, state: out.state });
  }
  return out;
}

async function list(rest: RestClient, path: string, includeDeleted: boolean): Promise<Row[]> {
  const answer = await rest.call('GET', `/api/tak/${path}${includeDeleted ? '?includeDeleted=true' : ''}`);
  if (answer.status !== 200 || !Array.isArray(answer.json)) throw new Error(`The catalogue's ${path} could not be read: ${restError(answer)}`);
  return answer.json as Row[];
}

/**
 * The working (unpublished included) rows of an entity from the catalogue's REST API, with references shown
 * by name. Referenced lists are read with deleted rows, so a row pointing at a deleted one still names it.
 */
export async function workingRows(rest: RestClient, view: EntityView): Promise<Row[]> {
  const [rows, ...referenced] = await Promise.all([list(rest, view.path, false), ...REFERENCED.map((r) => list(rest, r.path, true))]);
  const lists: Lists = new Map(REFERENCED.map((r, i) => [r.path, new Map(referenced[i]!.map((row) => [row.id as number, row]))]));
  return rows!.map((row) => resolve(row, lists));
}
