import type { Engagement, EngagementTransaction } from './fields.js';
import { FIELDS } from './fields.js';
import { engagementKey } from './engagement-key.js';
import type { CountRow, KeyedTransaction, TransactionKind } from './store.js';

/** What the store holds of an existing engagement that a request touches. */
export interface StoredEngagement {
  creationTime: string;
  mostRecentContent: string | null;
}

/** What a request does to the rows beyond inserting new keys; both stores carry it out the same way. */
export interface ChangePlan {
  /** the changes to notify, in request order, each as stored (creationTime kept, updateTime set) */
  changed: EngagementTransaction[];
  /** existing rows to delete */
  deleted: KeyedTransaction[];
  /** existing rows whose mostRecentContent changes (to the transaction's) */
  updated: KeyedTransaction[];
  /** changes of ei_count, non-zero */
  counts: CountRow[];
}

/** A new engagement as inserted: creationTime = now, no updateTime. */
export function freshEngagement(e: Engagement, now: string): Engagement {
  return { ...e, creationTime: now, updateTime: undefined };
}

/** ei_engagement's column values of an engagement, in FIELDS order. */
export function columnValues(e: Engagement): Array<string | null> {
  return FIELDS.map((f) => e[f.name] ?? null);
}

/** R5: a notification about an engagement another EI owns first removes this EI's own copy (the owner changed); its key. */
export function ownCopyKey(kind: TransactionKind, e: Engagement, ownHsaId: string): Buffer | undefined {
  return kind === 'notification' && e.owner !== ownHsaId ? engagementKey({ ...e, owner: ownHsaId }) : undefined;
}

const hex = (t: KeyedTransaction): string => t.key.toString('hex');

/**
 * Works out a request's changes once the store has removed own copies (R5) and inserted the new keys (docs/ei.md,
 * "Storage"): deletes of existing keys, changed mostRecentContent (SKLTP-623), and what to notify.
 * Keys are unique within a request (EI002), so the order of these steps does not change the outcome.
 */
export function planChanges(
  transactions: readonly KeyedTransaction[], now: string, inserted: ReadonlySet<string>,
  existing: ReadonlyMap<string, StoredEngagement>, removedOwnCopies: ReadonlyArray<Pick<Engagement, 'serviceDomain' | 'sourceSystem'>>,
): ChangePlan {
  const deltas = new Map<string, CountRow>();
  const bump = (e: Pick<Engagement, 'serviceDomain' | 'sourceSystem'>, n: number): void => {
    const k = `${e.serviceDomain}\u0000${e.sourceSystem}`;
    const row = deltas.get(k) ?? { serviceDomain: e.serviceDomain, sourceSystem: e.sourceSystem, engagements: 0 };
    row.engagements += n;
    deltas.set(k, row);
  };
  for (const e of removedOwnCopies) bump(e, -1);
  const plan: ChangePlan = { changed: [], deleted: [], updated: [], counts: [] };
  for (const t of transactions) {
    const e = t.engagement;
    if (inserted.has(hex(t))) {
      bump(e, 1);
      plan.changed.push({ deleteFlag: false, engagement: freshEngagement(e, now) });
      continue;
    }
    const found = existing.get(hex(t));
    const stored: Engagement = { ...e, creationTime: found?.creationTime ?? now, updateTime: undefined };
    if (t.deleteFlag) {
      if (found) {
        plan.deleted.push(t);
        bump(e, -1);
      }
      plan.changed.push({ deleteFlag: true, engagement: stored });
    } else if (found && (found.mostRecentContent ?? undefined) !== e.mostRecentContent) {
      plan.updated.push(t);
      plan.changed.push({ deleteFlag: false, engagement: { ...stored, updateTime: now } });
    }
  }
  plan.counts = [...deltas.values()].filter((c) => c.engagements !== 0);
  return plan;
}
