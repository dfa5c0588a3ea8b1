/**
 * The checks of the real TAK's entity validator (docs/tak.md, "Validation"), run over what a draft
 * changed. Every problem names its row so an operator can fix an order or a form from the message alone.
 */
import { isIsoDate, overlaps } from './dates.js';
import { KEY_OF, type Draft } from './draft.js';
import { DATED_KINDS, KINDS, REFERENCES, type Kind, type RowsByKind } from './model.js';
import { naturalName } from './row-names.js';

const HSA_ID = /^[0-9a-zA-Z_-]+$/;
const NAMESPACE = /^[0-9a-zA-Z_.:-]+$/;
// TAK's URL class is `[0-9a-zA-Z_.:/-?&]` (tak-web's `EntityValidator`). Read as a regex, `/-?` is the range
// '/'..'?' (which admits ';', '<', '=', '>', so `?a=b` passes) and leaves out '-' itself; '-' is added, since
// host names and paths such as /ei/process-notification need it.
const URL_CHARS = /^[0-9a-zA-Z_.:/-?&-]{5,255}$/;

type Check<K extends Kind> = (row: RowsByKind[K]) => string | undefined;

const hsaId = (v: string, what: string): string | undefined => (HSA_ID.test(v) ? undefined : `${what} '${v}' may only hold letters, digits, '-' and '_'`);

function url(v: string): string | undefined {
  if (!URL_CHARS.test(v)) return `address '${v}' must be 5–255 characters of letters, digits and _.:/-?&=;`;
  const parsed = URL.canParse(v) ? new URL(v) : undefined;
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? undefined : `address '${v}' is not an http(s) URL`;
}

function period(r: { from: string; to: string }): string | undefined {
  if (!isIsoDate(r.from) || !isIsoDate(r.to)) return `dates must be YYYY-MM-DD (from '${r.from}', to '${r.to}')`;
  return r.from <= r.to ? undefined : `from ${r.from} is after to ${r.to}`;
}

const SSEK_ID_TYPES = ['ORGNR', 'CN', 'APP', 'DN'];
const SHS_PRODUCT = /^(?:urn:X-shs:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ORG_NUMBER = /^\d{10}$/;

/** A format mapping's fields by format: SHS needs a product and a transfer type, SSEK a known id type (docs/adapters.md). */
const FORMAT_MAPPING_CHECKS: Check<'formatMapping'>[] = [
  (r) => (r.format === 'SHS' || r.format === 'SSEK' ? undefined : `format '${r.format}' must be SHS or SSEK`),
  (r) => url(r.url),
  (r) => (r.format !== 'SHS' || SHS_PRODUCT.test(r.product) ? undefined : `product '${r.product}' must be an SHS product id (a UUID, optionally urn:X-shs:<uuid>)`),
  (r) => (r.format !== 'SHS' || r.transfer === 'synch' || r.transfer === 'asynch' ? undefined : `transfer '${r.transfer}' must be synch or asynch`),
  (r) => (r.format !== 'SHS' || r.receiverId === '' || ORG_NUMBER.test(r.receiverId) ? undefined : `receiverId '${r.receiverId}' must be a 10-digit organisation number for SHS`),
  (r) => (r.format !== 'SSEK' || SSEK_ID_TYPES.includes(r.receiverIdType) ? undefined : `receiverIdType '${r.receiverIdType}' must be one of ${SSEK_ID_TYPES.join(', ')}`),
  (r) => (r.format !== 'SSEK' || r.transfer === 'synch' ? undefined : 'SSEK is carried synchronously: transfer must be synch'),
  (r) => (r.receiverId.length <= 512 && r.senderId.length <= 512 ? undefined : 'receiverId and senderId are at most 512 characters'),
];

/** Field rules per kind. */
const FIELD_CHECKS: { [K in Kind]: Check<K>[] } = {
  component: [(r) => hsaId(r.hsaId, 'HSA-id')],
  contract: [
    (r) => (NAMESPACE.test(r.namespace) ? undefined : `namespace '${r.namespace}' may only hold letters, digits and _.:-`),
    (r) => (Number.isInteger(r.major) && r.major >= 0 && Number.isInteger(r.minor) && r.minor >= 0 ? undefined : `major/minor version must be whole numbers ≥ 0`),
  ],
  logicalAddress: [(r) => (r.hsaId === '*' ? undefined : hsaId(r.hsaId, 'logical address'))],
  rivProfile: [(r) => (/^[A-Z0-9]+$/.test(r.name) ? undefined : `profile name '${r.name}' must be upper-case letters and digits`)],
  callAddress: [(r) => url(r.url)],
  route: [period],
  permission: [
    period,
    (r) => (r.agreement.trim() !== '' ? undefined : 'integrationsavtal (agreement) is required'),
    (r) => (r.filters.every((f) => typeof f.serviceDomain === 'string' && f.serviceDomain !== '' && Array.isArray(f.categorizations) && f.categorizations.every((c) => typeof c === 'string'))
      ? undefined
      : 'each filter needs a serviceDomain and a list of categorizations'),
  ],
  hsaUnit: [(r) => hsaId(r.hsaId, 'HSA-id'), (r) => (r.parent === null ? undefined : hsaId(r.parent, 'parent'))],
  formatMapping: FORMAT_MAPPING_CHECKS,
};

const UNIQUE_KINDS: ReadonlySet<Kind> = new Set(['component', 'contract', 'logicalAddress', 'rivProfile', 'callAddress', 'hsaUnit', 'formatMapping']);

/** A short human name for a row: its input label, or kind, id and natural key. */
export function nameRow(draft: Draft, kind: Kind, row: RowsByKind[Kind]): string {
  return draft.label(kind, row.id) ?? `${kind} ${row.id} (${describeRow(draft, kind, row)})`;
}

/** The row's natural key spelled with names instead of ids. */
export function describeRow(draft: Draft, kind: Kind, row: RowsByKind[Kind]): string {
  const name = (k: Kind, id: number): string => {
    const r = draft.get(k, id);
    return r ? naturalName(r) : `#${id}`;
  };
  if (kind === 'callAddress') { const r = row as RowsByKind['callAddress']; return `${r.url} of ${name('component', r.componentId)}, ${name('rivProfile', r.profileId)}`; }
  if (kind === 'route') { const r = row as RowsByKind['route']; return `${name('logicalAddress', r.logicalAddressId)} / ${name('contract', r.contractId)} → ${name('callAddress', r.callAddressId)}, ${r.from}..${r.to}`; }
  if (kind === 'permission') { const r = row as RowsByKind['permission']; return `${name('component', r.consumerId)} → ${name('logicalAddress', r.logicalAddressId)} / ${name('contract', r.contractId)}, ${r.from}..${r.to}`; }
  if (kind === 'formatMapping') { const r = row as RowsByKind['formatMapping']; return `${name('logicalAddress', r.logicalAddressId)} / ${name('contract', r.contractId)} → ${r.format} ${r.url}`; }
  return KEY_OF[kind](row as never);
}

function checkRow<K extends Kind>(draft: Draft, kind: K, row: RowsByKind[K], out: string[]): void {
  const name = nameRow(draft, kind, row);
  for (const check of FIELD_CHECKS[kind]) {
    const p = check(row);
    if (p) out.push(`${name}: ${p}`);
  }
  for (const [field, target] of REFERENCES[kind] ?? []) {
    const ref = draft.get(target, row[field] as number);
    if (!ref || ref.deleted) out.push(`${name}: refers to a ${target} (${String(row[field])}) that does not exist`);
  }
  const twins = draft.byKey(kind, KEY_OF[kind](row)).filter((o) => o.id !== row.id);
  if (UNIQUE_KINDS.has(kind) && twins.length > 0) out.push(`${name}: a ${kind} with the same key already exists (id ${twins[0]!.id})`);
  if (DATED_KINDS.has(kind)) {
    const dated = row as unknown as { from: string; to: string };
    for (const o of twins as unknown as Array<{ id: number; from: string; to: string }>) {
      // Two changed rows overlapping each other are reported once, on the later one.
      if (draft.isChanged(kind, o.id) && o.id > row.id) continue;
      if (overlaps(dated, o)) out.push(`${name}: overlaps ${kind} ${o.id} (${o.from}..${o.to}) for the same ${kind === 'route' ? 'logical address and contract' : 'consumer, logical address and contract'}`);
    }
  }
}

/** Deleted rows must not be referenced by live ones. */
function checkDeletions(draft: Draft, out: string[]): void {
  for (const target of KINDS) {
    const gone = draft.changed(target).filter((r) => r.deleted);
    if (gone.length === 0) continue;
    const goneIds = new Set(gone.map((r) => r.id));
    for (const kind of KINDS) {
      for (const [field, t] of (REFERENCES[kind] ?? []) as ReadonlyArray<[string, Kind]>) {
        if (t !== target) continue;
        for (const row of draft.live(kind)) {
          const id = (row as unknown as Record<string, number>)[field]!;
          if (goneIds.has(id)) out.push(`${nameRow(draft, target, draft.get(target, id)!)}: cannot be deleted, ${nameRow(draft, kind, row)} refers to it`);
        }
      }
    }
  }
}

/** Every problem with the draft's changes; [] when it may be written. */
export function validateDraft(draft: Draft): string[] {
  const out: string[] = [];
  for (const kind of KINDS) for (const row of draft.changed(kind)) if (!row.deleted) checkRow(draft, kind, row, out);
  checkDeletions(draft, out);
  return [...new Set(out)];
}
