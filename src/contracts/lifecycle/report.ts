/**
 * The migration report: per system and contract (domain + interaction), the majors it uses, the newest
 * published major and the deadline to leave the older ones, publication + 18 months (Inera's terms for the
 * 1177 services). Minor versions are the same major.
 */
import { addMonths, daysBetween } from './months.js';
import { unknownVersion, type ContractVersion } from './contract-versions.js';
import type { SystemUsage } from './system-usage.js';

export const DEADLINE_MONTHS = 18;
/** "migrate by" starts this many months before the deadline */
export const WARNING_MONTHS = 6;
/** consumer usage looks back this many days in the traffic record */
export const CALLED_WITHIN_DAYS = 30;

/**
 * `current`: no older major in use, or the deadline is more than WARNING_MONTHS away; `migrate-by`: an older
 * major in use and the deadline within WARNING_MONTHS; `overdue`: an older major in use after the deadline;
 * `undated`: an older major in use, but the newest major's publication date is unknown.
 */
export type LifecycleStatus = 'overdue' | 'migrate-by' | 'undated' | 'current';

/** Most urgent first. */
export const STATUS_ORDER: readonly LifecycleStatus[] = ['overdue', 'migrate-by', 'undated', 'current'];

export interface LifecycleRow {
  domain: string;
  interaction: string;
  /** majors it has routes for (producer) */
  produces: number[];
  /** majors it has permissions for (consumer) */
  permitted: number[];
  /** majors it called in the last CALLED_WITHIN_DAYS days, with the count and the last day */
  called: Array<{ major: number; calls: number; lastDay: string }>;
  /** every major above, once */
  inUse: number[];
  newest: ContractVersion;
  /** newest.published + DEADLINE_MONTHS; null without a date */
  deadline: string | null;
  status: LifecycleStatus;
  /** `current`, `migrate by <deadline>`, `overdue since <deadline>`, `no publication date` */
  statusText: string;
  /** days from today to the deadline (negative when past), when an older major is in use */
  daysToDeadline: number | null;
  /** the newest and an older major are both live for this system */
  migrating: boolean;
  /** only older majors, while the catalogue routes the newest for other systems */
  oldMajorOnly: boolean;
}

export interface SystemReport {
  system: string;
  /** the most urgent of its rows' statuses (`current` when it has none) */
  status: LifecycleStatus;
  /** the smallest daysToDeadline of its rows, null when none has one */
  daysToNearestDeadline: number | null;
  rows: LifecycleRow[];
}

export interface ReportInput {
  today: string;
  versions: Map<string, ContractVersion>;
  usage: Map<string, SystemUsage>;
}

const familyKey = (v: { domain: string; interaction: string }): string => `${v.domain}\n${v.interaction}`;

/** The newest major of each family whose publication is not in the future (a major without a date counts as published). */
function newestByFamily(versions: Iterable<ContractVersion>, today: string): Map<string, ContractVersion> {
  const out = new Map<string, ContractVersion>();
  for (const v of versions) {
    if (v.published && v.published > today) continue;
    const known = out.get(familyKey(v));
    if (!known || known.major < v.major) out.set(familyKey(v), v);
  }
  return out;
}

function statusOf(usesOlder: boolean, deadline: string | null, today: string): { status: LifecycleStatus; statusText: string } {
  if (!usesOlder) return { status: 'current', statusText: 'current' };
  if (!deadline) return { status: 'undated', statusText: 'no publication date' };
  if (today > deadline) return { status: 'overdue', statusText: `overdue since ${deadline}` };
  if (today >= addMonths(deadline, -WARNING_MONTHS)) return { status: 'migrate-by', statusText: `migrate by ${deadline}` };
  return { status: 'current', statusText: 'current' };
}

const sortedMajors = (s: Iterable<number>): number[] => [...new Set(s)].sort((a, b) => a - b);

type Family = { produces: number[]; permitted: number[]; called: LifecycleRow['called'] };

function systemRows(u: SystemUsage, today: string, versions: Map<string, ContractVersion>, newest: Map<string, ContractVersion>, routedByOthers: (v: ContractVersion) => boolean): LifecycleRow[] {
  const families = new Map<string, Family>();
  const add = (namespace: string, put: (f: Family, major: number) => void): void => {
    const v = versions.get(namespace);
    if (!v) return;
    const key = familyKey(v);
    if (!families.has(key)) families.set(key, { produces: [], permitted: [], called: [] });
    put(families.get(key)!, v.major);
  };
  for (const ns of u.produces) add(ns, (f, m) => f.produces.push(m));
  for (const ns of u.permitted) add(ns, (f, m) => f.permitted.push(m));
  for (const [ns, c] of u.called) add(ns, (f, m) => f.called.push({ major: m, ...c }));
  return [...families].map(([key, f]) => {
    const top = newest.get(key)!;
    const inUse = sortedMajors([...f.produces, ...f.permitted, ...f.called.map((c) => c.major)]);
    const usesOlder = inUse.some((m) => m < top.major);
    const usesNewest = inUse.includes(top.major);
    const deadline = top.published ? addMonths(top.published, DEADLINE_MONTHS) : null;
    return {
      domain: top.domain,
      interaction: top.interaction,
      produces: sortedMajors(f.produces),
      permitted: sortedMajors(f.permitted),
      called: f.called.sort((a, b) => a.major - b.major),
      inUse,
      newest: top,
      deadline,
      ...statusOf(usesOlder, deadline, today),
      daysToDeadline: usesOlder && deadline ? daysBetween(today, deadline) : null,
      migrating: usesOlder && usesNewest,
      oldMajorOnly: usesOlder && !usesNewest && routedByOthers(top),
    };
  });
}

const byUrgency = (a: { status: LifecycleStatus; daysToDeadline?: number | null; daysToNearestDeadline?: number | null }, b: typeof a): number =>
  STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.daysToDeadline ?? a.daysToNearestDeadline ?? Infinity) - (b.daysToDeadline ?? b.daysToNearestDeadline ?? Infinity);

/** One report per system, most urgent first; each system's rows most urgent first, then by name. */
export function lifecycleReport(input: ReportInput): SystemReport[] {
  const versions = new Map(input.versions);
  const producersOf = new Map<string, Set<string>>();
  for (const u of input.usage.values()) {
    for (const ns of [...u.produces, ...u.permitted, ...u.called.keys()]) {
      const v = versions.has(ns) ? undefined : unknownVersion(ns);
      if (v) versions.set(ns, v);
    }
    for (const ns of u.produces) producersOf.set(ns, (producersOf.get(ns) ?? new Set()).add(u.hsaId));
  }
  const newest = newestByFamily(versions.values(), input.today);
  const reports = [...input.usage.values()].map((u): SystemReport => {
    const routedByOthers = (v: ContractVersion): boolean => [...(producersOf.get(v.namespace) ?? [])].some((p) => p !== u.hsaId);
    const rows = systemRows(u, input.today, versions, newest, routedByOthers).sort((a, b) => byUrgency(a, b) || `${a.domain}:${a.interaction}`.localeCompare(`${b.domain}:${b.interaction}`));
    const days = rows.map((r) => r.daysToDeadline).filter((d): d is number => d !== null);
    return { system: u.hsaId, status: rows[0]?.status ?? 'current', daysToNearestDeadline: days.length > 0 ? Math.min(...days) : null, rows };
  });
  return reports.sort((a, b) => byUrgency(a, b) || a.system.localeCompare(b.system));
}
