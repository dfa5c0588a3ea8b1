import { html, type SafeHtml } from '../html.js';
import { monthInterval } from './month.js';
import type { MonthReport } from './report.js';
import type { Interval } from './intervals.js';

const WIDTH = 760;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 14;
const TOP = 18;

/** A month as an inline SVG: one strip per (producer, contract), downtime red, planned outages grey. */
export function monthChart(report: MonthReport): SafeHtml {
  const month = monthInterval(report.month);
  const span = month.toMs - month.fromMs;
  const x = (ms: number): number => ((ms - month.fromMs) / span) * WIDTH;
  const days = Math.round(span / 86_400_000);
  const height = TOP + Math.max(1, report.rows.length) * ROW_HEIGHT + 4;
  const rect = (i: Interval, y: number, cls: string): SafeHtml =>
    html`<rect class="${cls}" x="${x(i.fromMs).toFixed(2)}" y="${y}" width="${Math.max(1, x(i.toMs) - x(i.fromMs)).toFixed(2)}" height="${BAR_HEIGHT}"></rect>`;
  const ticks = Array.from({ length: days }, (_, d) => d).filter((d) => d % 5 === 0);
  return html`<svg class="chart" role="img" aria-label="Availability ${report.month}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title>Availability ${report.month}</title>
${ticks.map((d) => html`<text class="tick" x="${x(month.fromMs + d * 86_400_000) + 2}" y="11">${d + 1}</text><line class="grid" x1="${x(month.fromMs + d * 86_400_000)}" x2="${x(month.fromMs + d * 86_400_000)}" y1="13" y2="${height}"></line>`)}
${report.rows.map((r, i) => {
    const y = TOP + i * ROW_HEIGHT + 14;
    return html`<g><text class="label" x="2" y="${y - 3}">${r.producer} · ${r.contract} · ${r.percent === undefined ? '–' : r.percent.toFixed(3) + ' %'}</text>
${rect(r.window, y, 'up')}${r.down.map((d) => rect(d, y, 'down'))}${r.planned.map((p) => rect(p, y, 'planned'))}</g>`;
  })}
</svg>`;
}
