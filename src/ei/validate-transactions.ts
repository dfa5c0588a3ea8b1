import { FIELDS, type EngagementTransaction } from './fields.js';
import { engagementKey } from './engagement-key.js';
import { DETAIL, EiError } from './errors.js';
import { isValidTimestamp } from './timestamp.js';
import { mapInSlices } from './slices.js';

export const MAX_TRANSACTIONS = 1000;

export interface ValidationRules {
  kind: 'update' | 'notification';
  /** the EI's own HSA-ids (ei.hsaId and ei.alternativeHsaId); Update's LogicalAddress must be one (R7) */
  ownHsaIds: readonly string[];
  /** HSA-ids not allowed as logicalAddress (EI005) or sourceSystem (EI006) */
  reservedHsaIds: ReadonlySet<string>;
}

const DATE_FIELDS = ['mostRecentContent', 'updateTime', 'creationTime'] as const;

/**
 * The checks of skltp/ei's `EngagementValidator` in its order (docs/ei.md, "Validation"); the first failure
 * rejects the whole request. Update's owner must already be set to the EI's HSA-id, so R1 compares the keys that
 * will be stored.
 */
export async function validateTransactions(transactions: readonly EngagementTransaction[], logicalAddress: string | undefined, rules: ValidationRules): Promise<Buffer[]> {
  if (rules.kind === 'update') {
    const address = logicalAddress?.trim();
    if (!address || !rules.ownHsaIds.includes(address)) throw new EiError('EI003', [address || 'missing', rules.ownHsaIds[0]!]);
  }
  if (transactions.length > MAX_TRANSACTIONS) throw new EiError('EI000', [DETAIL.tooMany]);
  if (transactions.length === 0) throw new EiError('EI000', [DETAIL.none]);
  const checked = FIELDS.filter((f) => f.mandatory === 'always' || (f.mandatory === 'notification' && rules.kind === 'notification'));
  // The real EI checks white space on the business key only, never on owner.
  const trimmed = FIELDS.filter((f) => f.mandatory === 'always');
  const seen = new Map<string, number>();
  return mapInSlices(transactions, (t, i) => {
    const e = t.engagement as unknown as Record<string, string | undefined>;
    const key = engagementKey(t.engagement);
    const hex = key.toString('hex');
    const earlier = seen.get(hex);
    if (earlier !== undefined) throw new EiError('EI002', [earlier + 1, i + 1]);
    seen.set(hex, i);
    for (const f of trimmed) {
      const v = e[f.name];
      if (v !== undefined && v !== v.trim()) throw new EiError('EI004', [DETAIL.whitespace(f.name)]);
    }
    if (rules.reservedHsaIds.has(t.engagement.logicalAddress)) throw new EiError('EI005', [i + 1, t.engagement.logicalAddress]);
    if (rules.reservedHsaIds.has(t.engagement.sourceSystem)) throw new EiError('EI006', [i + 1, t.engagement.sourceSystem]);
    for (const f of checked) if (!e[f.name]) throw new EiError('EI004', [DETAIL.missing(f.name)]);
    for (const f of FIELDS) if ((e[f.name]?.length ?? 0) > f.maxLength) throw new EiError('EI004', [DETAIL.tooLong(f.name)]);
    for (const name of DATE_FIELDS) {
      const v = e[name];
      if (v !== undefined && !isValidTimestamp(v)) throw new EiError('EI004', [DETAIL.badDate(name, v)]);
    }
    return key;
  });
}
