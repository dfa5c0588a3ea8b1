import type { SystemReport } from './report.js';

export const DEADLINE_METRIC = 'ntjp_contract_deadline_days';

/**
 * A Prometheus gauge computed when scraped: per system that still uses an older major, the days to its
 * nearest migration deadline (negative once overdue). The report depends on the date, so it is not kept.
 */
export function deadlineGauge(report: () => SystemReport[]): { render(): string } {
  return {
    render() {
      const lines = [
        `# HELP ${DEADLINE_METRIC} Days to the nearest contract migration deadline per system (publication of the newest major + 18 months; negative = overdue). Only systems that still use an older major.`,
        `# TYPE ${DEADLINE_METRIC} gauge`,
      ];
      // JSON string escaping is Prometheus label escaping for backslash, quote and newline.
      for (const s of report()) if (s.daysToNearestDeadline !== null) lines.push(`${DEADLINE_METRIC}{system=${JSON.stringify(s.system)}} ${s.daysToNearestDeadline}`);
      return lines.join('\n');
    },
  };
}
