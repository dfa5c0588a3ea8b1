/**
 * The TAK bulk order ("beställning", docs/tak.md, "Bulk orders (beställning)") applied to a draft:
 * HSA-ids upper-cased, tom = from + 100 years, a vägval to the same address is extended, one to another
 * address ends the old one the day before (or deletes it if it had not started), exkludera ends or deletes.
 */
import { addDays, addYears, isIsoDate } from './dates.js';
import type { Draft } from './draft.js';
import type { Kind, RowsByKind, WorkingRow } from './model.js';
import { describeRow } from './validation.js';
import type { IsoDate } from './snapshot.js';

export interface OrderChange {
  action: 'create' | 'extend' | 'end' | 'delete';
  kind: Kind;
  what: string;
}

export interface OrderReport {
  from: IsoDate;
  to: IsoDate;
  changes: OrderChange[];
  /** `<action> <kind>` → count */
  counts: Record<string, number>;
}

interface ContractIn { namnrymd: string; beskrivning?: string; majorVersion?: number; minorVersion?: number }
interface AddressIn { hsaId: string; beskrivning?: string }
interface PermissionIn { logiskAdress: string; tjanstekontrakt: string; tjanstekonsument: string }
interface RouteIn { adress: string; logiskAdress: string; tjanstekontrakt: string; rivtaprofil: string; tjanstekomponent: string }

/** Hears the steps of applying an order (`done` of `total` where the step counts rows). */
export type OrderProgress = (step: string, done?: number, total?: number) => void;

export interface Order {
  plattform?: string;
  genomforandeTidpunkt: string;
  utforare?: string;
  kommentar?: string;
  inkludera: { tjanstekontrakt: ContractIn[]; logiskadresser: AddressIn[]; tjanstekomponenter: AddressIn[]; anropsbehorigheter: PermissionIn[]; vagval: RouteIn[] };
  exkludera: { anropsbehorigheter: PermissionIn[]; vagval: RouteIn[] };
}

/** Required string fields of each order list (beskrivning is optional everywhere). */
const LIST_FIELDS: Record<string, readonly string[]> = {
  'inkludera.tjanstekontrakt': ['namnrymd'],
  'inkludera.logiskadresser': ['hsaId'],
  'inkludera.tjanstekomponenter': ['hsaId'],
  'inkludera.anropsbehorigheter': ['logiskAdress', 'tjanstekontrakt', 'tjanstekonsument'],
  'inkludera.vagval': ['adress', 'logiskAdress', 'tjanstekontrakt', 'rivtaprofil', 'tjanstekomponent'],
  'exkludera.anropsbehorigheter': ['logiskAdress', 'tjanstekontrakt', 'tjanstekonsument'],
  'exkludera.vagval': ['adress', 'logiskAdress', 'tjanstekontrakt', 'rivtaprofil', 'tjanstekomponent'],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the order's shape; every problem names its path. Missing lists count as empty. */
export function parseOrder(input: unknown): { order?: Order; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(input)) return { problems: ['the order must be a JSON object'] };
  const when = input.genomforandeTidpunkt;
  if (typeof when !== 'string' || !isIsoDate(when.slice(0, 10))) problems.push(`genomforandeTidpunkt: required, a date or ISO timestamp (got ${JSON.stringify(when)})`);
  for (const part of ['inkludera', 'exkludera']) if (!isObject(input[part])) problems.push(`${part}: required, an object of lists`);
  if (problems.length > 0) return { problems };
  const order = { ...input, inkludera: { ...(input.inkludera as object) }, exkludera: { ...(input.exkludera as object) } } as unknown as Order;
  for (const [path, fields] of Object.entries(LIST_FIELDS)) {
    const [part, list] = path.split('.') as ['inkludera' | 'exkludera', string];
    const holder = order[part] as Record<string, unknown>;
    holder[list] ??= [];
    const rows = holder[list];
    if (!Array.isArray(rows)) {
      problems.push(`${path}: must be a list`);
      continue;
    }
    rows.forEach((row: unknown, i) => {
      if (!isObject(row)) return void problems.push(`${path}[${i}]: must be an object`);
      for (const f of fields) if (typeof row[f] !== 'string' || row[f] === '') problems.push(`${path}[${i}]: ${f} is required (a non-empty string)`);
      for (const f of ['majorVersion', 'minorVersion']) if (row[f] !== undefined && !Number.isInteger(row[f])) problems.push(`${path}[${i}]: ${f} must be a whole number`);
    });
  }
  return problems.length > 0 ? { problems } : { order, problems };
}

/** Applies a parsed order to the draft; reference problems go to `problems` (validation runs after). */
export function applyOrder(draft: Draft, order: Order, problems: string[], progress: OrderProgress = () => undefined): OrderReport {
  const from = order.genomforandeTidpunkt.slice(0, 10);
  const rowCount = order.inkludera.anropsbehorigheter.length + order.inkludera.vagval.length + order.exkludera.anropsbehorigheter.length + order.exkludera.vagval.length;
  let rowsDone = 0;
  const rowDone = (): void => progress('applying the order', ++rowsDone, rowCount);
  const to = addYears(from, 100);
  const dayBefore = addDays(from, -1);
  const changes: OrderChange[] = [];
  const note = <K extends Kind>(action: OrderChange['action'], kind: K, row: RowsByKind[K]): void => void changes.push({ action, kind, what: describeRow(draft, kind, row) });
  const upper = (s: string): string => s.toUpperCase();

  const ensure = <K extends 'component' | 'logicalAddress' | 'contract'>(kind: K, key: string, fields: Omit<RowsByKind[K], 'id'>, label: string): void => {
    if (draft.byKey(kind, key).length === 0) note('create', kind, draft.insert(kind, fields, label));
  };
  order.inkludera.tjanstekomponenter.forEach((c, i) => ensure('component', upper(c.hsaId), { hsaId: upper(c.hsaId), description: c.beskrivning ?? '' }, `inkludera.tjanstekomponenter[${i}]`));
  order.inkludera.logiskadresser.forEach((a, i) => ensure('logicalAddress', upper(a.hsaId), { hsaId: upper(a.hsaId), description: a.beskrivning ?? '' }, `inkludera.logiskadresser[${i}]`));
  order.inkludera.tjanstekontrakt.forEach((c, i) => {
    const major = c.majorVersion ?? Number(/:(\d+)$/.exec(c.namnrymd)?.[1] ?? 1);
    ensure('contract', c.namnrymd, { namespace: c.namnrymd, major, minor: c.minorVersion ?? 0, description: c.beskrivning ?? '' }, `inkludera.tjanstekontrakt[${i}]`);
  });

  /** Looks up the referenced rows, reporting each one missing. */
  const resolve = (label: string, refs: Array<[Kind, string, string]>): number[] | undefined => {
    const ids = refs.map(([kind, key, field]) => {
      const row = draft.byKey(kind, key)[0];
      if (!row) problems.push(`${label}: ${field} '${key}' does not exist in the order or the catalogue`);
      return row?.id;
    });
    return ids.every((id) => id !== undefined) ? (ids as number[]) : undefined;
  };
  const permissionRefs = (p: PermissionIn): Array<[Kind, string, string]> => [['component', upper(p.tjanstekonsument), 'tjanstekonsument'], ['logicalAddress', upper(p.logiskAdress), 'logiskAdress'], ['contract', p.tjanstekontrakt, 'tjanstekontrakt']];
  const routeRefs = (r: RouteIn): Array<[Kind, string, string]> => [['component', upper(r.tjanstekomponent), 'tjanstekomponent'], ['rivProfile', upper(r.rivtaprofil), 'rivtaprofil'], ['logicalAddress', upper(r.logiskAdress), 'logiskAdress'], ['contract', r.tjanstekontrakt, 'tjanstekontrakt']];
  /** Rows of a key still valid on or after the order's date. */
  const current = <K extends 'route' | 'permission'>(kind: K, key: string): WorkingRow<K>[] => draft.byKey(kind, key).filter((r) => r.to >= from);
  /** End a row the day before the order's date, or delete it if it had not started. */
  const endOrDelete = <K extends 'route' | 'permission'>(kind: K, row: WorkingRow<K>, label: string): void => {
    if (row.from >= from) {
      note('delete', kind, row);
      draft.remove(kind, row.id, label);
    } else note('end', kind, draft.update(kind, row.id, { to: dayBefore } as Partial<RowsByKind[K]>, label));
  };

  order.inkludera.anropsbehorigheter.forEach((p, i) => {
    rowDone();
    const label = `inkludera.anropsbehorigheter[${i}]`;
    const ids = resolve(label, permissionRefs(p));
    if (!ids) return;
    const [consumerId, logicalAddressId, contractId] = ids as [number, number, number];
    const existing = current('permission', `${consumerId}|${logicalAddressId}|${contractId}`);
    if (existing.length > 0) for (const row of existing) note('extend', 'permission', draft.update('permission', row.id, { to }, label));
    else note('create', 'permission', draft.insert('permission', { consumerId, logicalAddressId, contractId, from, to, agreement: 'AUTOTAKNING', filters: [] }, label));
  });

  order.inkludera.vagval.forEach((r, i) => {
    rowDone();
    const label = `inkludera.vagval[${i}]`;
    const ids = resolve(label, routeRefs(r));
    if (!ids) return;
    const [componentId, profileId, logicalAddressId, contractId] = ids as [number, number, number, number];
    let callAddress = draft.byKey('callAddress', `${componentId}|${profileId}|${r.adress}`)[0];
    if (!callAddress) {
      callAddress = draft.insert('callAddress', { url: r.adress, componentId, profileId }, label);
      note('create', 'callAddress', callAddress);
    }
    let extended = false;
    for (const row of current('route', `${logicalAddressId}|${contractId}`)) {
      if (row.callAddressId === callAddress.id) {
        note('extend', 'route', draft.update('route', row.id, { to }, label));
        extended = true;
      } else endOrDelete('route', row, label);
    }
    if (!extended) note('create', 'route', draft.insert('route', { logicalAddressId, contractId, callAddressId: callAddress.id, from, to }, label));
  });

  order.exkludera.anropsbehorigheter.forEach((p, i) => {
    rowDone();
    const label = `exkludera.anropsbehorigheter[${i}]`;
    const ids = resolve(label, permissionRefs(p));
    if (!ids) return;
    const rows = current('permission', ids.join('|'));
    if (rows.length === 0) problems.push(`${label}: no anropsbehörighet ${p.tjanstekonsument} → ${p.logiskAdress} / ${p.tjanstekontrakt} valid on or after ${from}`);
    for (const row of rows) endOrDelete('permission', row, label);
  });

  order.exkludera.vagval.forEach((r, i) => {
    rowDone();
    const label = `exkludera.vagval[${i}]`;
    const ids = resolve(label, routeRefs(r));
    if (!ids) return;
    const [componentId, profileId, logicalAddressId, contractId] = ids as [number, number, number, number];
    const callAddress = draft.byKey('callAddress', `${componentId}|${profileId}|${r.adress}`)[0];
    const rows = callAddress ? current('route', `${logicalAddressId}|${contractId}`).filter((row) => row.callAddressId === callAddress.id) : [];
    if (rows.length === 0) problems.push(`${label}: no vägval ${r.logiskAdress} / ${r.tjanstekontrakt} → ${r.adress} valid on or after ${from}`);
    for (const row of rows) endOrDelete('route', row, label);
  });

  const counts: Record<string, number> = {};
  for (const c of changes) counts[`${c.action} ${c.kind}`] = (counts[`${c.action} ${c.kind}`] ?? 0) + 1;
  return { from, to, changes, counts };
}
