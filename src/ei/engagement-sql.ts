import { FIELDS, FIND_FIELDS, type Engagement } from './fields.js';
import type { FindQuery } from './store.js';

// The reads of ei_engagement and ei_count, the same on both stores.

const COLUMNS = FIELDS.map((f) => f.column);
const ROW_TO_FIELD = FIELDS.map((f) => [f.column, f.name] as const);

/** An ei_engagement row as read, by column. */
export type EngagementRow = Record<string, string | null>;

/** An ei_engagement row as an engagement (NULL columns left out). */
export function toEngagement(row: EngagementRow): Engagement {
  const e: Record<string, string> = {};
  for (const [column, name] of ROW_TO_FIELD) if (row[column] !== null && row[column] !== undefined) e[name] = row[column]!;
  return e as unknown as Engagement;
}

/** FindContent's statement over the given fields (`?` placeholders), and its parameters. */
export function findSql(query: FindQuery): { mask: string; sql: string; params: string[] } {
  const given = FIND_FIELDS.filter((f) => query[f] !== undefined);
  const where = given.map((name) => {
    const column = FIELDS.find((f) => f.name === name)!.column;
    return `${column} ${name === 'mostRecentContent' ? '>=' : '='} ?`;
  });
  return { mask: given.join(','), sql: `SELECT ${COLUMNS.join(', ')} FROM ei_engagement WHERE ${where.join(' AND ')}`, params: given.map((f) => query[f]!) };
}

/** Engagements per service domain and source system. */
export const COUNTS_SQL = 'SELECT service_domain AS "serviceDomain", source_system AS "sourceSystem", engagements FROM ei_count WHERE engagements > 0 ORDER BY 1, 2';
