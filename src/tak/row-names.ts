/**
 * Rows shown to people with names instead of ids: a route's `contractId 3` read as the contract's namespace,
 * `consumerId 9` as the consumer's HSA-id, as tak-web shows them.
 */
import { REFERENCES, type Kind, type RowsByKind } from './model.js';

/** A row's own name: the HSA-id, namespace, profile name or URL it is known by. */
export function naturalName(row: object): string {
  const r = row as { hsaId?: string; namespace?: string; name?: string | null; url?: string };
  return String(r.hsaId ?? r.namespace ?? r.name ?? r.url);
}

/** Finds a row of a kind by id (soft-deleted rows too, so old audit entries still read). */
export type RowLookup = (kind: Kind, id: number) => object | undefined;

/** `{ kind: rows }` as a lookup. */
export function lookupIn(data: { [K in Kind]: ReadonlyArray<RowsByKind[K]> }): RowLookup {
  const byKind = new Map<Kind, Map<number, object>>();
  return (kind, id) => {
    let rows = byKind.get(kind);
    if (!rows) byKind.set(kind, (rows = new Map(data[kind].map((r) => [r.id, r]))));
    return rows.get(id);
  };
}

/** `componentId` → `component`, `consumerId` → `consumer`: the name field beside a reference. */
export const nameField = (idField: string): string => idField.replace(/Id$/, '');

/**
 * The row with a name field beside each reference (`contractId: 3, contract: 'urn:riv:…'`); a reference to a
 * row that is gone reads `#3`.
 */
export function withNames(lookup: RowLookup, kind: Kind, row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const refs = new Map((REFERENCES[kind] ?? []) as ReadonlyArray<[string, Kind]>);
  for (const [field, value] of Object.entries(row)) {
    out[field] = value;
    const target = refs.get(field);
    if (target) {
      const ref = lookup(target, value as number);
      out[nameField(field)] = ref ? naturalName(ref) : `#${String(value)}`;
    }
  }
  return out;
}
