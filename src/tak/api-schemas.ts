/** The catalogue API's request and answer schemas (the OpenAPI document is made from them). */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum } from '../platform/api/schemas.js';
import { INPUT_FIELDS } from './entity-inputs.js';
import { KINDS, type Kind } from './model.js';
import { NAMED_COLUMNS } from './named-rows.js';

const Id = Type.Integer({ minimum: 1 });
const Text = Type.String();
const Filter = Type.Object({ serviceDomain: Text, categorizations: Type.Array(Text) });
const Period = { from: IsoDate, to: IsoDate };

/** The stored fields of each kind (the rows of a version, an export and an import). */
const ROW_FIELDS: { [K in Kind]: Record<string, TSchema> } = {
  component: { hsaId: Text, description: Text },
  contract: { namespace: Text, major: Type.Integer(), minor: Type.Integer(), description: Text },
  logicalAddress: { hsaId: Text, description: Text },
  rivProfile: { name: Text, description: Text },
  callAddress: { url: Text, componentId: Id, profileId: Id },
  route: { contractId: Id, logicalAddressId: Id, callAddressId: Id, ...Period },
  permission: { consumerId: Id, contractId: Id, logicalAddressId: Id, ...Period, agreement: Text, filters: Type.Array(Filter) },
  hsaUnit: { hsaId: Text, parent: Nullable(Text), name: Nullable(Text) },
  formatMapping: {
    logicalAddressId: Id,
    contractId: Id,
    format: StringEnum(['SHS', 'SSEK']),
    url: Text,
    receiverId: Text,
    receiverIdType: Text,
    senderId: Text,
    product: Text,
    transfer: Text,
    asynchAnswer: Text,
  },
};

export const Row = (kind: Kind): TObject => Type.Object({ id: Id, ...ROW_FIELDS[kind] });

/** A working row: its fields and who changed it while pending. */
export const WorkingRow = (kind: Kind): TObject =>
  Type.Object({ id: Id, ...ROW_FIELDS[kind], updatedBy: Nullable(Text), updatedTime: Nullable(Text), deleted: Type.Boolean() });

/** Types of input fields other than text. */
const INPUT_TYPES: Record<string, TSchema> = { major: Type.Integer(), minor: Type.Integer(), filters: Type.Array(Filter) };

/** What an operator gives to add a row of `kind`: the fields `INPUT_FIELDS` names; `a or b` makes both optional. */
export function RowInput(kind: Kind): TObject {
  const { required, optional } = INPUT_FIELDS[kind];
  const field = (name: string): TSchema => INPUT_TYPES[name] ?? Type.String({ minLength: 1 });
  const must = required.filter((f) => !f.includes(' or '));
  const may = [...required.filter((f) => f.includes(' or ')).flatMap((f) => f.split(' or ')), ...optional];
  return Type.Object({ ...Object.fromEntries(may.map((n) => [n, Type.Optional(field(n))])), ...Object.fromEntries(must.map((n) => [n, field(n)])) });
}

export const CatalogueData = Type.Object({ formatVersion: Type.Literal(1), ...Object.fromEntries(KINDS.map((k) => [k, Type.Array(Row(k))])) });

export const VersionInfo = Type.Object({
  id: Id,
  time: Text,
  author: Text,
  comment: Text,
  size: Type.Integer({ description: 'bytes of the compressed blob' }),
  routes: Type.Integer(),
  permissions: Type.Integer(),
});

export const StoredVersion = Type.Composite([VersionInfo, Type.Object({ data: CatalogueData })]);

const RouteEntry = Type.Object({ id: Type.Integer(), logicalAddress: Text, namespace: Text, profile: Text, url: Text, component: Text, ...Period });
const PermissionEntry = Type.Object({ id: Type.Integer(), logicalAddress: Text, namespace: Text, consumer: Text, ...Period, filters: Type.Array(Filter) });
const EntryDiff = (entry: TSchema) => Type.Object({ added: Type.Array(entry), extended: Type.Array(entry), ended: Type.Array(entry), removed: Type.Array(entry) });
const RowDiff = Type.Object({ added: Type.Array(Type.Unknown()), changed: Type.Array(Type.Unknown()), removed: Type.Array(Type.Unknown()) });

export const CatalogueDiff = Type.Object({
  from: Nullable(Type.Integer()),
  to: Type.Union([Type.Integer(), Type.Literal('pending')]),
  routes: EntryDiff(RouteEntry),
  permissions: EntryDiff(PermissionEntry),
  entities: Type.Record(Text, RowDiff, { description: 'undated entities by their REST name; unchanged ones left out' }),
  counts: Type.Optional(Type.Record(Text, Type.Record(Text, Type.Integer()), { description: 'with ?limit: the full length of every list, by routes, permissions or entity and change' })),
});

/** `?limit`: cut each list of a diff to its first rows, its full length then in `counts`. */
export const DiffLimit = { limit: Type.Optional(Type.Integer({ minimum: 1, description: 'at most this many rows per list; `counts` then gives every list\'s full length' })) };

export const Snapshot = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.Optional(Text),
  routes: Type.Array(RouteEntry),
  permissions: Type.Array(PermissionEntry),
  hsaUnits: Type.Array(Type.Object({ hsaId: Text, parent: Type.Optional(Text), name: Type.Optional(Text) })),
  formatMappings: Type.Optional(Type.Array(Type.Object({ logicalAddress: Text, namespace: Text, format: Text, url: Text }))),
});

export const AuditEntry = Type.Object({
  time: Text,
  user: Text,
  action: StringEnum(['create', 'update', 'delete', 'import', 'publish', 'rollback']),
  kind: Text,
  rowId: Nullable(Type.Integer()),
  summary: Text,
});

/** A bulk order (beställning): the fields are checked by the order itself, which lists every problem at once. */
export const Order = Type.Object(
  {
    plattform: Type.Optional(Text),
    formatVersion: Type.Optional(Type.Unknown()),
    version: Type.Optional(Type.Unknown()),
    genomforandeTidpunkt: Type.Optional(Text),
    utforare: Type.Optional(Text),
    kommentar: Type.Optional(Text),
    inkludera: Type.Optional(Type.Record(Text, Type.Array(Type.Record(Text, Type.Unknown())))),
    exkludera: Type.Optional(Type.Record(Text, Type.Array(Type.Record(Text, Type.Unknown())))),
  },
  { description: 'TAK bulk order JSON (docs/tak.md)' },
);

export const OrderReport = Type.Object({
  from: IsoDate,
  to: IsoDate,
  changes: Type.Array(Type.Object({ action: StringEnum(['create', 'extend', 'end', 'delete']), kind: Text, what: Text })),
  counts: Type.Record(Text, Type.Integer(), { description: '`<action> <kind>` → count' }),
  dryRun: Type.Boolean(),
});

export const HsaUnitsJson = Type.Array(Type.Object({ hsaId: Type.String({ minLength: 1 }), parent: Type.Optional(Nullable(Text)), name: Type.Optional(Nullable(Text)) }));

/** The query of a table page for `kind`: offset, limit, sort, direction, search and a filter per column. */
export function TableQuery(kind: Kind): TObject {
  const columns = NAMED_COLUMNS[kind];
  return Type.Object({
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: 'rows per page (at most 1000)' })),
    sort: Type.Optional(StringEnum(columns)),
    desc: Type.Optional(Type.String({ description: "'1' sorts descending" })),
    q: Type.Optional(Type.String({ description: 'text any column contains (any case)' })),
    ...Object.fromEntries(columns.map((c) => [`f.${c}`, Type.Optional(Type.String({ description: `${c} contains (any case)` }))])),
  });
}

export const TablePage = Type.Object({
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  rows: Type.Array(Type.Object({ id: Id, state: Text }, { additionalProperties: true, description: 'the row with references named' })),
});
