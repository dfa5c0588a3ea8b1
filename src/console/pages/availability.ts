import { formText, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { producerMonthChart } from '../availability/day-chart.js';
import { isMonthKey, monthOf, monthsBetween } from '../availability/month.js';
import { monthReport, type AvailabilityRow, type MonthReport } from '../availability/report.js';
import { OutageError, type MonitoredKey } from '../availability/store.js';
import type { Request, Response } from 'express';

const ACTIVE = '/console/availability';
const PRODUCER_VIEW = `${ACTIVE}/producer`;
const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const hours = (ms: number): string => (ms / 3_600_000).toFixed(2) + ' h';
const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;
const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** A datetime-local value read as UTC (the console shows every time in UTC). */
function parseUtc(value: string): number {
  return DATETIME_LOCAL.test(value) ? Date.parse(value + 'Z') : NaN;
}

const producerLink = (producer: string, month: string): string => `${PRODUCER_VIEW}?${new URLSearchParams({ producer, month })}`;

/** Rows in the report's order: below the target first. */
function reportTable(report: MonthReport, rows: readonly AvailabilityRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">No producer was observed in ${report.month}.</p>`;
  return html`<div class="table-wrap"><table class="data paged" id="availability-table"><thead><tr><th>producer</th><th>contract</th><th>monitored</th><th>observed downtime</th><th>in planned outages (excluded)</th><th>counted downtime</th><th>availability</th><th>target ${report.targetPercent.toFixed(2)} %</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr class="${r.meetsTarget === false ? 'below-target' : ''}"><td><a href="${producerLink(r.producer, report.month)}">${r.producer}</a></td><td>${r.contract}</td><td>${hours(r.totalMs)}</td><td>${hours(r.observedDowntimeMs)}</td><td class="planned-excluded">${hours(r.plannedMs)}</td><td>${hours(r.downtimeMs)}</td><td class="percent">${r.percent === undefined ? '–' : r.percent.toFixed(3) + ' %'}</td><td class="${r.meetsTarget ? 'ok' : 'bad'}">${r.meetsTarget ? 'met' : 'missed'}</td></tr>`,
  )}</tbody></table></div>`;
}

/** Every down period of the rows, newest first, with what found the producer down. */
function downList(rows: readonly AvailabilityRow[], month: string): SafeHtml {
  const outages = rows.flatMap((r) => r.down.map((d) => ({ ...d, producer: r.producer, contract: r.contract }))).sort((a, b) => b.fromMs - a.fromMs);
  if (outages.length === 0) return html`<p class="empty">No downtime observed in ${month}.</p>`;
  return html`<div class="table-wrap"><table class="data paged" id="outage-list"><thead><tr><th>producer</th><th>contract</th><th>start</th><th>end</th><th>duration</th><th>cause</th></tr></thead><tbody>${outages.map(
    (o) => html`<tr><td>${o.producer}</td><td>${o.contract}</td><td>${utc(o.fromMs)}</td><td>${utc(o.toMs)}</td><td>${minutes(o.toMs - o.fromMs)}</td><td>${o.cause}</td></tr>`,
  )}</tbody></table></div>`;
}

function outageList(report: MonthReport, signedIn: boolean): SafeHtml {
  if (report.outages.length === 0) return html`<p class="empty">No planned outages recorded in ${report.month}.</p>`;
  return html`<table class="data" id="outages"><thead><tr><th>producer</th><th>contract</th><th>from</th><th>to</th><th>note</th><th></th></tr></thead><tbody>${report.outages.map(
    (o) => html`<tr><td>${o.producer}</td><td>${o.contract || 'all contracts'}</td><td>${utc(o.fromMs)}</td><td>${utc(o.toMs)}</td><td>${o.note}</td><td>${
      signedIn ? html`<form method="post" action="/console/availability/outages/${o.id}/delete"><input type="hidden" name="month" value="${report.month}"><button type="submit">Delete</button></form>` : ''
    }</td></tr>`,
  )}</tbody></table>`;
}

function outageForm(keys: readonly MonitoredKey[], month: string): SafeHtml {
  return html`<form method="post" action="/console/availability/outages" class="grid" id="outage-form">
<input type="hidden" name="month" value="${month}">
<label>Producer <input name="producer" list="producers" required></label>
<datalist id="producers">${[...new Set(keys.map((k) => k.producer))].map((p) => html`<option value="${p}"></option>`)}</datalist>
<label>Contract (empty = all) <input name="contract" list="contracts"></label>
<datalist id="contracts">${[...new Set(keys.map((k) => k.contract))].map((c) => html`<option value="${c}"></option>`)}</datalist>
<label>From (UTC) <input type="datetime-local" name="from" required></label>
<label>To (UTC) <input type="datetime-local" name="to" required></label>
<label>Note <input name="note"></label>
<button type="submit">Record planned outage</button></form>`;
}

/** The operator's actions, at the top of both views: probe now, record a planned outage. */
function actions(deps: ConsoleDeps, req: Request, month: string, keys: readonly MonitoredKey[]): SafeHtml {
  if (!deps.ctx.admin.isOperator(req)) return html`<p class="hint">Sign in to probe producers now or record planned outages.</p>`;
  return html`<div class="actions-bar"><form method="post" action="/console/availability/probe"><input type="hidden" name="month" value="${month}"><button type="submit">Probe all producers now</button></form>
<div class="outage-form"><strong>Record a planned outage</strong>${outageForm(keys, month)}</div></div>`;
}

function monthNav(path: string, month: string, extra: Record<string, string>, now: number, keys: readonly MonitoredKey[]): SafeHtml {
  const first = Math.min(now, ...keys.map((k) => k.firstMs));
  const months = monthsBetween(first, Math.max(now, Date.parse(month + '-01T00:00:00Z')));
  return html`<nav class="months">${months.map((m) => html`<a href="${path}?${new URLSearchParams({ ...extra, month: m })}"${m === month ? html` class="active"` : ''}>${m}</a>`)}</nav>`;
}

async function render(deps: ConsoleDeps, req: Request, res: Response, month: string, notice?: { kind: 'ok' | 'error'; text: string }, status = 200): Promise<void> {
  const report = await monthReport(deps.availability.store, month, deps.clock());
  const keys = await deps.availability.store.keys();
  const below = report.rows.filter((r) => r.meetsTarget === false).length;
  show(
    deps,
    req,
    res,
    {
      title: 'Availability',
      active: ACTIVE,
      notice,
      body: html`${actions(deps, req, month, keys)}
<p class="hint">Per producer and contract and calendar month (UTC): availability = 100 − downtime / total × 100, target ${report.targetPercent.toFixed(2)} %. Downtime inside planned outages recorded here is not counted. Fed by calls through the hub and by probes of each producer. A producer's name opens its month day by day.</p>
${monthNav(ACTIVE, month, {}, deps.clock(), keys)}
<h2>${month}: ${below} of ${report.rows.length} below the target</h2>${reportTable(report, report.rows)}
<h2>Downtime</h2>${downList(report.rows, month)}
<h2>Planned outages</h2>${outageList(report, deps.ctx.admin.isOperator(req))}`,
    },
    status,
  );
}

/** One producer's month: its contracts' figures, a day-by-day chart where minutes of downtime show, and its outages. */
async function renderProducer(deps: ConsoleDeps, req: Request, res: Response, producer: string, month: string): Promise<void> {
  const report = await monthReport(deps.availability.store, month, deps.clock());
  const keys = await deps.availability.store.keys();
  const rows = report.rows.filter((r) => r.producer === producer);
  show(deps, req, res, {
    title: `Availability: ${producer}`,
    active: ACTIVE,
    body: html`${actions(deps, req, month, keys)}
<p><a href="${ACTIVE}?month=${month}">All producers</a></p>
${monthNav(PRODUCER_VIEW, month, { producer }, deps.clock(), keys)}
<h2>${month}</h2>${reportTable(report, rows)}
${rows.length > 0 ? html`<div class="chart-scroll">${producerMonthChart(report, rows)}</div>` : ''}
<h2>Downtime</h2>${downList(rows, month)}`,
  });
}

function monthParam(deps: ConsoleDeps, value: unknown): string {
  return typeof value === 'string' && isMonthKey(value) ? value : monthOf(deps.clock());
}

export const availabilityPage: ConsolePage = (router, deps) => {
  router.get('/availability', (req, res) => render(deps, req, res, monthParam(deps, req.query.month)));
  router.get('/availability/producer', (req, res) => renderProducer(deps, req, res, typeof req.query.producer === 'string' ? req.query.producer : '', monthParam(deps, req.query.month)));
  router.post('/availability/outages', async (req, res) => {
    const month = monthParam(deps, formText(req, 'month'));
    if (!signedInOrRefuse(deps, req, res, 'Availability', ACTIVE)) return;
    try {
      const o = await deps.availability.store.addOutage(
        { producer: formText(req, 'producer'), contract: formText(req, 'contract'), fromMs: parseUtc(formText(req, 'from')), toMs: parseUtc(formText(req, 'to')), note: formText(req, 'note') },
        deps.clock(),
      );
      await render(deps, req, res, monthOf(o.fromMs), { kind: 'ok', text: `Planned outage recorded for ${o.producer}: ${utc(o.fromMs)} – ${utc(o.toMs)}.` });
    } catch (e) {
      if (!(e instanceof OutageError)) throw e;
      await render(deps, req, res, month, { kind: 'error', text: e.message }, 400);
    }
  });
  router.post('/availability/outages/:id/delete', async (req, res) => {
    const month = monthParam(deps, formText(req, 'month'));
    if (!signedInOrRefuse(deps, req, res, 'Availability', ACTIVE)) return;
    const deleted = await deps.availability.store.deleteOutage(Number(req.params.id));
    await render(deps, req, res, month, deleted ? { kind: 'ok', text: 'Planned outage deleted.' } : { kind: 'error', text: `No planned outage ${req.params.id}.` }, deleted ? 200 : 404);
  });
  router.post('/availability/probe', async (req, res) => {
    const month = monthParam(deps, formText(req, 'month'));
    if (!signedInOrRefuse(deps, req, res, 'Availability', ACTIVE)) return;
    const count = await deps.availability.monitor.probeAll();
    await render(deps, req, res, month, { kind: 'ok', text: `Probed ${count} producer contracts.` });
  });
};
