import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';

const ACTIVE = '/console/traffic';
const ROWS_SHOWN = 200;
/** above any sensible `vp.trafficLogSize`; the hub caps it at the ring's size */
const TRAFFIC_LIMIT = 1_000_000;

const milliseconds = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : '');

/** The traffic log's columns: the entry field, its heading and how it is shown; every column is also a filter. */
const COLUMNS: ReadonlyArray<{ field: string; label: string; format?: (v: unknown) => string }> = [
  { field: 'correlationId', label: 'correlation id' },
  { field: 'time', label: 'time' },
  { field: 'sender', label: 'sender' },
  { field: 'receiver', label: 'receiver' },
  { field: 'contract', label: 'contract' },
  { field: 'outcome', label: 'outcome' },
  { field: 'faultCode', label: 'fault code' },
  { field: 'httpStatus', label: 'HTTP status' },
  { field: 'durationMs', label: 'duration ms', format: milliseconds },
  { field: 'producerMs', label: 'producer ms', format: milliseconds },
];
const BODY_FIELDS = ['requestBody', 'responseBody'];

type Entry = Record<string, unknown>;

/** `GET /api/traffic` answers `{capture, size, calls}`, newest first (src/vp/admin-routes.ts). */
function callsOf(json: unknown): Entry[] {
  const list = (json as { calls?: unknown } | undefined)?.calls;
  return Array.isArray(list) ? (list as Entry[]) : [];
}

function filtersOf(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of COLUMNS) {
    const v = req.query[c.field];
    if (typeof v === 'string' && v.trim()) out.set(c.field, v.trim());
  }
  return out;
}

/** Substring match on each filled-in filter, case-insensitive, newest call first. */
function select(entries: Entry[], filters: Map<string, string>): Entry[] {
  const hits = entries.filter((e) => [...filters].every(([field, want]) => String(e[field] ?? '').toLowerCase().includes(want.toLowerCase())));
  return hits.sort((a, b) => String(b.time ?? '').localeCompare(String(a.time ?? ''))).slice(0, ROWS_SHOWN);
}

function rows(entries: Entry[]): SafeHtml {
  if (entries.length === 0) return html`<tr><td colspan="${COLUMNS.length}" class="empty">No calls match.</td></tr>`;
  return html`${entries.map((e) => {
    const bodies = BODY_FIELDS.filter((f) => typeof e[f] === 'string' && e[f] !== '');
    return html`<tr class="${e.faultCode ? 'fault' : ''}">${COLUMNS.map((c) => html`<td>${c.format ? c.format(e[c.field]) : (e[c.field] ?? '')}</td>`)}</tr>${
      bodies.length > 0 ? html`<tr class="bodies"><td colspan="${COLUMNS.length}">${bodies.map((f) => html`<details><summary>${f}</summary><pre class="body">${e[f]}</pre></details>`)}</td></tr>` : ''
    }`;
  })}`;
}

async function load(deps: ConsoleDeps, req: Request): Promise<{ entries: Entry[]; error?: string; capture?: unknown }> {
  // The hub filters on exact values; the console wants substrings, so it takes the whole ring and filters here.
  const answer = await deps.rest.call('GET', `/api/traffic?limit=${TRAFFIC_LIMIT}`);
  if (answer.status !== 200) return { entries: [], error: `The hub's traffic log is not available: ${restError(answer)}` };
  return { entries: select(callsOf(answer.json), filtersOf(req)), capture: (answer.json as { capture?: unknown } | undefined)?.capture };
}

async function render(deps: ConsoleDeps, req: Request, res: Response, notice?: { kind: 'ok' | 'error'; text: string }): Promise<void> {
  const { entries, error, capture } = await load(deps, req);
  const filters = filtersOf(req);
  const query = new URLSearchParams([...filters]).toString();
  show(
    deps,
    req,
    res,
    {
      title: 'Traffic log',
      active: ACTIVE,
      notice: error ? { kind: 'error', text: error } : notice,
      body: html`<form method="get" action="${ACTIVE}" class="filters" id="traffic-filters">${COLUMNS.map(
        (c) => html`<label>${c.label} <input name="${c.field}" value="${filters.get(c.field) ?? ''}"></label>`,
      )}<button type="submit">Filter</button></form>
${deps.ctx.admin.isOperator(req) ? html`<form method="post" action="${ACTIVE}/capture"><input type="hidden" name="capture" value="${capture === true ? 'off' : 'on'}"><button type="submit">Switch body capture ${capture === true ? 'off' : 'on'}</button></form>` : ''}
<p class="hint">Newest first, the latest ${ROWS_SHOWN} matches; updates every 2 s. Body capture is ${capture === true ? 'on' : 'off'}.</p>
<table class="data" id="traffic"><thead><tr>${COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead>
<tbody data-refresh="${ACTIVE}/rows?${query}" data-refresh-ms="2000">${rows(entries)}</tbody></table>`,
    },
    error ? 502 : 200,
  );
}

export const trafficPage: ConsolePage = (router, deps) => {
  router.get('/traffic', (req, res) => render(deps, req, res));
  router.get('/traffic/rows', async (req, res) => {
    const { entries } = await load(deps, req);
    res.type('html').send(rows(entries).value);
  });
  router.post('/traffic/capture', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, 'Traffic log', ACTIVE)) return;
    const answer = await deps.rest.call('PUT', '/api/traffic/capture', { body: { on: formText(req, 'capture') === 'on' }, asOperator: true });
    await render(deps, req, res, answer.status === 200 ? { kind: 'ok', text: `Body capture switched ${formText(req, 'capture') === 'on' ? 'on' : 'off'}.` } : { kind: 'error', text: restError(answer) });
  });
};
