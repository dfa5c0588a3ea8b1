import { html, type SafeHtml } from '../html.js';
import { lineChart } from './line-chart.js';
import { ROLLUP_MINUTES, type ContractSeries, type MinutePoint } from './minute-rollup.js';

/** Contracts drawn per chart, the most called first; the others are named under the charts. */
export const CHARTED_CONTRACTS = 8;

const CHARTS: ReadonlyArray<{ id: string; title: string; unit: string; value: (p: MinutePoint) => number | undefined }> = [
  { id: 'chart-calls', title: 'Calls per minute', unit: '', value: (p) => p.calls },
  { id: 'chart-errors', title: 'Error rate (calls not ending OK)', unit: ' %', value: (p) => p.errorPercent },
  { id: 'chart-p50', title: 'Latency p50', unit: ' ms', value: (p) => p.p50Ms },
  { id: 'chart-p99', title: 'Latency p99', unit: ' ms', value: (p) => p.p99Ms },
];

/** The hub's last hour per contract: calls, error rate and p50/p99 latency per minute, as four charts. */
export function dashboardView(series: readonly ContractSeries[]): SafeHtml {
  const charted = series.slice(0, CHARTED_CONTRACTS);
  const rest = series.slice(CHARTED_CONTRACTS);
  return html`<div class="charts">${CHARTS.map((c) =>
    lineChart({ id: c.id, title: c.title, unit: c.unit, xLabels: [`−${ROLLUP_MINUTES} min`, 'now'], lines: charted.map((s) => ({ label: s.contract, values: s.points.map(c.value) })) }),
  )}</div>${rest.length > 0 ? html`<p class="hint">Not drawn (fewer calls): ${rest.map((s) => `${s.contract} (${s.calls})`).join(', ')}.</p>` : ''}`;
}
