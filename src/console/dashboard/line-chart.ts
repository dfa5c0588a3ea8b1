import { html, type SafeHtml } from '../html.js';

export interface ChartLine {
  label: string;
  /** one value per x step; undefined = no value (a gap) */
  values: ReadonlyArray<number | undefined>;
}

export interface LineChartSpec {
  id: string;
  title: string;
  /** after each y label, e.g. ' ms' */
  unit: string;
  lines: readonly ChartLine[];
  /** the x axis' labels at its start and end */
  xLabels: [string, string];
}

const WIDTH = 560;
const HEIGHT = 200;
const LEFT = 48;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 22;
/** distinct colours for the lines, in legend order; more lines reuse them */
export const LINE_COLOURS = ['#005ea5', '#b3261e', '#1b6e3a', '#8a5a00', '#6a3d9a', '#00838f', '#c2185b', '#5d6a73'];

/** 1, 2 or 5 × 10^n at or above `v`: a y axis top people can read. */
function niceTop(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((t) => t >= v)!;
}

const label = (v: number): string => (v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1));

/**
 * A line per series as inline SVG, drawn on the server: a dot at each value (one call in a minute still
 * shows), lines between neighbouring values, four y grid lines; the legend is HTML under it so it wraps.
 */
export function lineChart(spec: LineChartSpec): SafeHtml {
  const steps = Math.max(1, ...spec.lines.map((l) => l.values.length)) - 1 || 1;
  const top = niceTop(Math.max(0, ...spec.lines.flatMap((l) => l.values.filter((v): v is number => v !== undefined))));
  const x = (i: number): number => LEFT + (i / steps) * (WIDTH - LEFT - RIGHT);
  const y = (v: number): number => TOP + (1 - v / top) * (HEIGHT - TOP - BOTTOM);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const colour = (i: number): string => LINE_COLOURS[i % LINE_COLOURS.length]!;
  const path = (values: ReadonlyArray<number | undefined>): string =>
    values
      .map((v, i) => (v === undefined ? '' : `${values[i - 1] === undefined ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .join(' ')
      .trim();
  const empty = spec.lines.every((l) => l.values.every((v) => v === undefined));
  return html`<figure class="chart-box" id="${spec.id}"><figcaption>${spec.title}</figcaption>
<svg class="line-chart" role="img" aria-label="${spec.title}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
${grid.map((g) => html`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(g).toFixed(1)}" y2="${y(g).toFixed(1)}"></line><text class="tick" x="${LEFT - 4}" y="${(y(g) + 3).toFixed(1)}" text-anchor="end">${label(g)}${spec.unit}</text>`)}
<text class="tick" x="${LEFT}" y="${HEIGHT - 6}">${spec.xLabels[0]}</text><text class="tick" x="${WIDTH - RIGHT}" y="${HEIGHT - 6}" text-anchor="end">${spec.xLabels[1]}</text>
${empty ? html`<text class="tick" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">no calls</text>` : ''}
${spec.lines.map(
    (l, i) => html`<g class="series" data-label="${l.label}" stroke="${colour(i)}" fill="${colour(i)}"><path d="${path(l.values)}" fill="none" stroke-width="1.5"></path>${l.values.map((v, k) =>
      v === undefined ? '' : html`<circle cx="${x(k).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2"><title>${l.label}: ${label(v)}${spec.unit}</title></circle>`,
    )}</g>`,
  )}
</svg>
<ul class="legend">${spec.lines.map((l, i) => html`<li><span class="swatch" style="background:${colour(i)}"></span>${l.label}</li>`)}</ul></figure>`;
}
