import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { filterForm, hubQueryOf, trafficFiltersOf } from '../traffic/filters.js';
import { trafficCallPath } from './traffic-call.js';

const ACTIVE = '/console/traffic';
/** calls per page; the hub pages its log (`before` cursor), so a page never holds the whole ring */
export const TRAFFIC_ROWS_PER_PAGE = 50;

const milliseconds = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : '');

type Entry = Record<string, unknown>;

/** The correlation id opens the call's own page (its `seq` names it in the hub's log). */
const callLink = (e: Entry): unknown => (typeof e.seq === 'number' ? html`<a href="${trafficCallPath(e.seq)}">${String(e.correlationId ?? e.seq)}</a>` : e.correlationId);

/** The traffic log's columns: the entry field, its heading and how it is shown. */
const COLUMNS: ReadonlyArray<{ field: string; label: string; format?: (v: unknown, e: Entry) => unknown }> = [
  { field: 'correlationId', label: 'correlation id', format: (_, e) => callLink(e) },
  { field: 'time', label: 'time' },
  { field: 'sender', label: 'sender' },
  { field: 'receiver', label: 'receiver' },
  { field: 'contract', label: 'contract' },
  { field: 'outcome', label: 'outcome' },
  { field: 'faultCode', label: 'fault code' },
  { field: 'httpStatus', label: 'HTTP status' },
  { field: 'durationMs', label: 'duration ms', format: milliseconds },
  { field: 'producerMs', label: 'producer ms', format: milliseconds },
  { field: 'reason', label: 'reason' },
];
const BODY_FIELDS = ['requestBody', 'responseBody'];

/** `GET /api/traffic` answers `{capture, calls, next}`: one page, newest first (docs/vp.md). */
interface TrafficAnswer {
  capture?: unknown;
  calls?: unknown;
  next?: unknown;
}

/** The page's cursor: calls older than this log number (`next` of the page before). */
function cursorOf(req: Request): string | undefined {
  const v = req.query.before;
  return typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v) ? v : undefined;
}

function rows(entries: Entry[]): SafeHtml {
  if (entries.length === 0) return html`<tr><td colspan="${COLUMNS.length}" class="empty">No calls match.</td></tr>`;
  return html`${entries.map((e) => {
    const bodies = BODY_FIELDS.filter((f) => typeof e[f] === 'string' && e[f] !== '');
    return html`<tr class="${e.faultCode ? 'fault' : ''}">${COLUMNS.map((c) => html`<td>${c.format ? c.format(e[c.field], e) : (e[c.field] ?? '')}</td>`)}</tr>${
      bodies.length > 0
        ? html`<tr class="bodies"><td colspan="${COLUMNS.length}">${bodies.map((f) => html`<details><summary>${f}</summary><pre class="body">${e[f]}</pre></details>`)}</td></tr>`
        : e.bodiesDropped
          ? html`<tr class="bodies"><td colspan="${COLUMNS.length}" class="hint">Bodies dropped: newer calls needed the capture budget, or capture was switched off.</td></tr>`
          : ''
    }`;
  })}`;
}

interface Loaded {
  entries: Entry[];
  error?: string;
  capture?: unknown;
  next?: number;
}

/** One page of the hub's log: texts match as case-insensitive substrings, choices whole, times as a range. */
async function load(deps: ConsoleDeps, req: Request): Promise<Loaded> {
  const query = new URLSearchParams([...hubQueryOf(trafficFiltersOf(req)), ['match', 'contains'], ['limit', String(TRAFFIC_ROWS_PER_PAGE)]]);
  const before = cursorOf(req);
  if (before) query.set('before', before);
  const answer = await deps.rest.call('GET', `/api/traffic?${query}`);
  if (answer.status !== 200) return { entries: [], error: `The hub's traffic log is not available: ${restError(answer)}` };
  const json = (answer.json ?? {}) as TrafficAnswer;
  return { entries: Array.isArray(json.calls) ? (json.calls as Entry[]) : [], capture: json.capture, next: typeof json.next === 'number' ? json.next : undefined };
}

/** Links to the newest page and the next older one, keeping the filters. */
function pager(filters: Map<string, string>, before: string | undefined, next: number | undefined): SafeHtml {
  const link = (cursor?: number): string => {
    const query = new URLSearchParams([...filters]);
    if (cursor) query.set('before', String(cursor));
    return `${ACTIVE}?${query}`;
  };
  return html`<nav class="sub pager">${before ? html`<a href="${link()}">Newest calls</a>` : ''}${next ? html`<a href="${link(next)}" rel="next">Older calls</a>` : ''}</nav>`;
}

async function render(deps: ConsoleDeps, req: Request, res: Response, notice?: { kind: 'ok' | 'error'; text: string }): Promise<void> {
  const { entries, error, capture, next } = await load(deps, req);
  const filters = trafficFiltersOf(req);
  const before = cursorOf(req);
  const query = new URLSearchParams([...filters]).toString();
  // Only the newest page follows the log live; an older page stays put while it is read.
  const refresh = before ? '' : html` data-refresh="${ACTIVE}/rows?${query}" data-refresh-ms="2000"`;
  show(
    deps,
    req,
    res,
    {
      title: 'Traffic log',
      active: ACTIVE,
      notice: error ? { kind: 'error', text: error } : notice,
      body: html`${filterForm(ACTIVE, filters)}
${deps.ctx.admin.isOperator(req) ? html`<form method="post" action="${ACTIVE}/capture"><input type="hidden" name="capture" value="${capture === true ? 'off' : 'on'}"><button type="submit">Switch body capture ${capture === true ? 'off' : 'on'}</button></form>` : ''}
<p class="hint">Newest first, ${TRAFFIC_ROWS_PER_PAGE} matches a page${before ? '' : '; updates every 2 s'}. Body capture is ${capture === true ? 'on' : 'off'}.</p>
<table class="data" id="traffic"><thead><tr>${COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead>
<tbody${refresh}>${rows(entries)}</tbody></table>
${pager(filters, before, next)}`,
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
