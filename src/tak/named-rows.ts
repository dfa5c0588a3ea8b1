/**
 * The working rows as people read them: every reference to another row replaced by that row's name, a route
 * with its call address's URL, component and profile, and each row's state. Deleted rows are left out, but a
 * row that points at a deleted one still names it.
 */
import { RowSet } from '../shared/row-page.js';
import { KINDS, type Kind, type WorkingData } from './model.js';

export type NamedRow = Record<string, unknown> & { id: number; state: string };

/** Which id field refers to which kind, the column it fills, and the field that names the referenced row. */
const REFERENCES: ReadonlyArray<{ idField: string; kind: Kind; column: string; name: string }> = [
  { idField: 'componentId', kind: 'component', column: 'component', name: 'hsaId' },
  { idField: 'consumerId', kind: 'component', column: 'consumer', name: 'hsaId' },
  { idField: 'contractId', kind: 'contract', column: 'namespace', name: 'namespace' },
  { idField: 'logicalAddressId', kind: 'logicalAddress', column: 'logicalAddress', name: 'hsaId' },
  { idField: 'profileId', kind: 'rivProfile', column: 'profile', name: 'name' },
  { idField: 'callAddressId', kind: 'callAddress', column: 'url', name: 'url' },
];

/** The columns of each kind's named rows (what a table of them can sort and filter on). */
export const NAMED_COLUMNS: { [K in Kind]: readonly string[] } = {
  component: ['id', 'hsaId', 'description', 'state'],
  contract: ['id', 'namespace', 'major', 'minor', 'description', 'state'],
  logicalAddress: ['id', 'hsaId', 'description', 'state'],
  rivProfile: ['id', 'name', 'description', 'state'],
  callAddress: ['id', 'url', 'component', 'profile', 'state'],
  route: ['id', 'logicalAddress', 'namespace', 'url', 'component', 'profile', 'from', 'to', 'state'],
  permission: ['id', 'consumer', 'logicalAddress', 'namespace', 'from', 'to', 'agreement', 'state'],
  hsaUnit: ['id', 'hsaId', 'parent', 'name', 'state'],
  formatMapping: ['id', 'logicalAddress', 'namespace', 'format', 'url', 'receiverId', 'receiverIdType', 'senderId', 'product', 'transfer', 'state'],
};

type Row = Record<string, unknown>;
type ById = Map<Kind, Map<number, Row>>;

/** A working row's state: changed since the last publish (TAK's updatedBy), or published. */
function stateOf(row: Row): string {
  return row.updatedBy ? `pending (${String(row.updatedBy)})` : 'published';
}

function named(row: Row, byId: ById): NamedRow {
  const out: Row = { ...row, state: stateOf(row) };
  for (const ref of REFERENCES) {
    if (typeof row[ref.idField] !== 'number') continue;
    const target = byId.get(ref.kind)?.get(row[ref.idField] as number);
    out[ref.column] = target?.[ref.name] ?? `#${String(row[ref.idField])}`;
    // a route reaches its producer through the call address: show its component and profile too
    if (ref.kind === 'callAddress' && target) {
      const { component, profile } = named(target, byId);
      Object.assign(out, { component, profile });
    }
  }
  return out as NamedRow;
}

/** Every kind's live rows with names, ready to be paged. */
export function namedRowSets(data: WorkingData): Map<Kind, RowSet<NamedRow>> {
  const byId: ById = new Map(KINDS.map((k) => [k, new Map((data[k] as unknown as Row[]).map((r) => [r.id as number, r]))]));
  return new Map(
    KINDS.map((k) => [k, new RowSet((data[k] as unknown as Row[]).filter((r) => !r.deleted).map((r) => named(r, byId)), NAMED_COLUMNS[k])]),
  );
}
