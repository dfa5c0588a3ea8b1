import type { SystemReport } from './report.js';

export const REPORT_COLUMNS = ['SYSTEM', 'DOMAIN', 'CONTRACT', 'IN USE', 'NEWEST', 'PUBLISHED', 'DEADLINE', 'STATUS', 'NOTE'] as const;

const list = (majors: number[]): string => majors.join(',') || '-';

/** The report as text cells, one line per system and contract (the CLI's table; the console has its own page). */
export function reportCells(systems: SystemReport[]): string[][] {
  return systems.flatMap((s) =>
    s.rows.map((r) => [
      s.system,
      r.domain,
      r.interaction,
      list(r.inUse),
      `${r.newest.major}${r.newest.version ? ` (${r.newest.version})` : ''}`,
      r.newest.published ? `${r.newest.published} ${r.newest.source}` : '-',
      r.deadline ?? '-',
      r.statusText,
      [r.migrating ? 'migrating' : '', r.oldMajorOnly ? `only old major; ${r.newest.major} is routed for others` : ''].filter(Boolean).join('; '),
    ]),
  );
}
