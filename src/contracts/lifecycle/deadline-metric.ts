import type { MetricsRegistry } from '../../shared/metrics.js';
import type { SystemReport } from './report.js';

export const DEADLINE_METRIC = 'ntjp_contract_deadline_days';

/**
 * A Prometheus gauge computed when scraped: per system that still uses an older major, the days to its
 * nearest migration deadline (negative once overdue). The report depends on the date, so it is not kept.
 */
export function addDeadlineGauge(metrics: MetricsRegistry, report: () => Promise<SystemReport[]>): void {
  metrics.gauge(
    DEADLINE_METRIC,
    'Days to the nearest contract migration deadline per system (publication of the newest major + 18 months; negative = overdue). Only systems that still use an older major.',
    ['system'],
    async (gauge) => {
      const systems = await report();
      gauge.reset();
      for (const s of systems) if (s.daysToNearestDeadline !== null) gauge.set({ system: s.system }, s.daysToNearestDeadline);
    },
  );
}
