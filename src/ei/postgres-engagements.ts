import type { Engagement, EngagementTransaction } from './fields.js';
import { FIELDS } from './fields.js';
import { columnValues, freshEngagement, ownCopyKey, planChanges, type StoredEngagement } from './change-plan.js';
import type { KeyedTransaction, TransactionKind } from './store.js';
import type { PgClient } from '../store/postgres.js';

const KEYS = 'unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS k(rrid, sd, cat, id)';
const KEY_MATCH = 'e.rrid = k.rrid AND e.service_domain = k.sd AND e.categorization = k.cat AND e.id = k.id';
const INSERT = `INSERT INTO ei_engagement (id, ${FIELDS.map((f) => f.column).join(', ')})
  SELECT * FROM unnest($1::bytea[], ${FIELDS.map((_, i) => `$${i + 2}::text[]`).join(', ')}) ON CONFLICT DO NOTHING RETURNING id`;
const SQL = {
  removeReturning: `DELETE FROM ei_engagement e USING ${KEYS} WHERE ${KEY_MATCH} RETURNING e.service_domain AS "serviceDomain", e.source_system AS "sourceSystem"`,
  remove: `DELETE FROM ei_engagement e USING ${KEYS} WHERE ${KEY_MATCH}`,
  existing: `SELECT e.id, e.creation_time AS "creationTime", e.most_recent_content AS "mostRecentContent"
    FROM ei_engagement e JOIN ${KEYS} ON ${KEY_MATCH} ORDER BY e.id FOR UPDATE OF e`,
  updateContent: `UPDATE ei_engagement e SET most_recent_content = k.mrc, update_time = $6
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::text[]) AS k(rrid, sd, cat, id, mrc) WHERE ${KEY_MATCH}`,
  count: `INSERT INTO ei_count (service_domain, source_system, engagements) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
    ON CONFLICT (service_domain, source_system) DO UPDATE SET engagements = ei_count.engagements + excluded.engagements`,
};

type Keyed = { engagement: Engagement; key: Buffer };

/** Key columns as four arrays, one element per engagement, sorted by id so concurrent writers lock rows in one order. */
function keyArrays(rows: readonly Keyed[]): unknown[] {
  const sorted = [...rows].sort((a, b) => Buffer.compare(a.key, b.key));
  return [sorted.map((r) => r.engagement.registeredResidentIdentification), sorted.map((r) => r.engagement.serviceDomain),
    sorted.map((r) => r.engagement.categorization), sorted.map((r) => r.key)];
}

/**
 * The engagement side of a request on PostgreSQL, inside the caller's transaction: the same steps as on SQLite
 * (src/ei/engagement-store.ts), each one statement over arrays of the request's rows, so a 1000-engagement Update
 * costs a handful of round trips instead of thousands.
 */
export async function applyOnPostgres(c: PgClient, kind: TransactionKind, ownHsaId: string, transactions: readonly KeyedTransaction[], now: string): Promise<EngagementTransaction[]> {
  const ownCopies = transactions.flatMap((t) => {
    const key = ownCopyKey(kind, t.engagement, ownHsaId);
    return key ? [{ engagement: t.engagement, key }] : [];
  });
  const removed = ownCopies.length === 0 ? [] : (await c.query<Pick<Engagement, 'serviceDomain' | 'sourceSystem'>>(SQL.removeReturning, keyArrays(ownCopies))).rows;
  const fresh = transactions.filter((t) => !t.deleteFlag).sort((a, b) => Buffer.compare(a.key, b.key));
  const values = fresh.map((t) => columnValues(freshEngagement(t.engagement, now)));
  const inserted = fresh.length === 0 ? [] : (await c.query<{ id: Buffer }>(INSERT, [fresh.map((t) => t.key), ...FIELDS.map((_, i) => values.map((v) => v[i]))])).rows;
  const insertedKeys = new Set(inserted.map((r) => r.id.toString('hex')));
  const rest = transactions.filter((t) => !insertedKeys.has(t.key.toString('hex')));
  const existing = new Map<string, StoredEngagement>();
  if (rest.length > 0) {
    for (const row of (await c.query<StoredEngagement & { id: Buffer }>(SQL.existing, keyArrays(rest))).rows) existing.set(row.id.toString('hex'), row);
  }
  const plan = planChanges(transactions, now, insertedKeys, existing, removed);
  if (plan.deleted.length > 0) await c.query(SQL.remove, keyArrays(plan.deleted));
  if (plan.updated.length > 0) {
    const updated = [...plan.updated].sort((a, b) => Buffer.compare(a.key, b.key));
    await c.query(SQL.updateContent, [...keyArrays(updated), updated.map((t) => t.engagement.mostRecentContent ?? null), now]);
  }
  if (plan.counts.length > 0) {
    const counts = [...plan.counts].sort((a, b) => `${a.serviceDomain}\u0000${a.sourceSystem}`.localeCompare(`${b.serviceDomain}\u0000${b.sourceSystem}`));
    await c.query(SQL.count, [counts.map((r) => r.serviceDomain), counts.map((r) => r.sourceSystem), counts.map((r) => r.engagements)]);
  }
  return plan.changed;
}
