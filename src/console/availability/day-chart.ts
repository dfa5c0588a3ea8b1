import { html, type SafeHtml } from '../html.js';
import { monthInterval } from './month.js';
import type { AvailabilityRow, MonthReport } from './report.js';
import type { Interval } from './intervals.js';

const DAY_MS = 86_400_000;
const LABEL_WIDTH = 44;
/** 24 hours over 960 px: 1.5 minutes a pixel, so 5 minutes down are 3.3 px wide */
const DAY_WIDTH = 960;
const ROW_HEIGHT = 16;
const BAR_HEIGHT = 11;
const TOP = 16;
/** no down or planned period is drawn narrower than this, so even a minute shows */
const MIN_BAR_PX = 3;

const utcTime = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * One producer's month as inline SVG, one row per day on a 24-hour axis (UTC): monitored time green, down
 * red, planned outages grey; each down bar's title says when, how long and why.
 */
export function producerMonthChart(report: MonthReport, rows: readonly AvailabilityRow[]): SafeHtml {
  const month = monthInterval(report.month);
  const days = Math.round((month.toMs - month.fromMs) / DAY_MS);
  const height = TOP + days * ROW_HEIGHT + 4;
  const width = LABEL_WIDTH + DAY_WIDTH + 4;
  const bars = (i: Interval, cls: string, title: string): SafeHtml[] =>
    Array.from({ length: days }, (_v, d) => month.fromMs + d * DAY_MS)
      .filter((dayMs) => i.fromMs < dayMs + DAY_MS && i.toMs > dayMs)
      .map((dayMs) => {
        const from = Math.max(i.fromMs, dayMs);
        const to = Math.min(i.toMs, dayMs + DAY_MS);
        const x = LABEL_WIDTH + ((from - dayMs) / DAY_MS) * DAY_WIDTH;
        const w = Math.max(MIN_BAR_PX, ((to - from) / DAY_MS) * DAY_WIDTH);
        const y = TOP + Math.round((dayMs - month.fromMs) / DAY_MS) * ROW_HEIGHT;
        return html`<rect class="${cls}" x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${BAR_HEIGHT}"><title>${title}</title></rect>`;
      });
  const minutes = (i: Interval): string => `${Math.round((i.toMs - i.fromMs) / 60_000)} min`;
  return html`<svg class="chart day-chart" role="img" aria-label="${rows[0]?.producer ?? ''} in ${report.month}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
${[0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => html`<text class="tick" x="${LABEL_WIDTH + (h / 24) * DAY_WIDTH}" y="11" text-anchor="middle">${String(h).padStart(2, '0')}</text><line class="grid" x1="${LABEL_WIDTH + (h / 24) * DAY_WIDTH}" x2="${LABEL_WIDTH + (h / 24) * DAY_WIDTH}" y1="13" y2="${height}"></line>`)}
${Array.from({ length: days }, (_v, d) => html`<text class="label" x="2" y="${TOP + d * ROW_HEIGHT + 9}">${report.month.slice(5)}-${String(d + 1).padStart(2, '0')}</text>`)}
${rows.map((r) => bars(r.window, 'up', `${r.contract}: monitored`))}
${rows.map((r) => r.down.map((d) => bars(d, 'down', `${r.contract}: down ${utcTime(d.fromMs)} – ${utcTime(d.toMs)} UTC (${minutes(d)}), ${d.cause}`)))}
${rows.map((r) => r.planned.map((p) => bars(p, 'planned', `${r.contract}: planned outage ${utcTime(p.fromMs)} – ${utcTime(p.toMs)} UTC`)))}
</svg>`;
}
