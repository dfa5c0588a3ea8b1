import type { Request, Response } from 'express';
import type { LifecycleRow, LifecycleStatus, SystemReport } from '../../contracts/index.js';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';

const ACTIVE = '/console/lifecycle';
const TITLE = 'Contract lifecycle';

interface Report {
  today: string;
  rule: { deadlineMonths: number; warningMonths: number; calledWithinDays: number };
  systems: SystemReport[];
}

/** td class per status: overdue in red, current in green, the rest plain. */
const STATUS_CLASS: Record<LifecycleStatus, string> = { overdue: 'bad', 'migrate-by': 'warn', undated: '', current: 'ok' };

const majors = (list: number[]): string => list.join(', ') || '–';
const days = (d: number | null): string => (d === null ? '–' : d < 0 ? `${-d} days overdue` : `${d} days`);

function ruleText(r: Report): SafeHtml {
  return html`<p id="lifecycle-rule">Today ${r.today}. A system must leave an older major within ${r.rule.deadlineMonths} months of the newest major's publication; "migrate by" shows from ${r.rule.warningMonths} months before. Consumer use counts permissions and the calls of the last ${r.rule.calledWithinDays} days.</p>`;
}

function overview(r: Report): SafeHtml {
  if (r.systems.length === 0) return html`<p class="empty">The published catalogue names no system.</p>`;
  const count = (s: SystemReport, status: LifecycleStatus): number => s.rows.filter((row) => row.status === status).length;
  return html`<table class="data" id="lifecycle-overview"><thead><tr><th>system</th><th>status</th><th>nearest deadline</th><th>overdue</th><th>migrate by</th><th>migrating</th><th>only old major</th><th>contracts</th></tr></thead><tbody>${r.systems.map(
    (s) =>
      html`<tr><td><a href="${ACTIVE}/${encodeURIComponent(s.system)}">${s.system}</a></td><td class="${STATUS_CLASS[s.status]}">${s.status}</td><td>${days(s.daysToNearestDeadline)}</td><td>${count(s, 'overdue')}</td><td>${count(s, 'migrate-by')}</td><td>${s.rows.filter((row) => row.migrating).length}</td><td>${s.rows.filter((row) => row.oldMajorOnly).length}</td><td>${s.rows.length}</td></tr>`,
  )}</tbody></table>`;
}

function note(row: LifecycleRow): string {
  return [row.migrating ? 'migrating: both majors live' : '', row.oldMajorOnly ? `only the old major, while ${row.newest.major} is routed for others` : ''].filter(Boolean).join('; ');
}

function systemTable(s: SystemReport): SafeHtml {
  return html`<table class="data" id="lifecycle-rows"><thead><tr><th>domain</th><th>contract</th><th>produces</th><th>permitted</th><th>called (30 days)</th><th>newest</th><th>published</th><th>deadline</th><th>status</th><th>note</th></tr></thead><tbody>${s.rows.map(
    (r) =>
      html`<tr><td>${r.domain}</td><td>${r.interaction}</td><td>${majors(r.produces)}</td><td>${majors(r.permitted)}</td><td>${r.called.map((c) => `${c.major}: ${c.calls} (last ${c.lastDay})`).join(', ') || '–'}</td><td title="${r.newest.namespace}">${r.newest.major}${r.newest.version ? ` (${r.newest.version}, release ${r.newest.release ?? '?'})` : ''}</td><td title="${r.newest.basis}">${r.newest.published ? `${r.newest.published} ${r.newest.source}` : '–'}</td><td>${r.deadline ?? '–'}</td><td class="${STATUS_CLASS[r.status]}">${r.statusText}</td><td>${note(r)}</td></tr>`,
  )}</tbody></table>`;
}

function correctionForm(namespace: string, back: string): SafeHtml {
  return html`<h2>Correct a publication date</h2><form method="post" action="${ACTIVE}/published" class="grid" id="correct-date"><input type="hidden" name="back" value="${back}">
<label>Contract (Responder namespace) <input name="namespace" value="${namespace}" required size="70"></label>
<label>Published <input name="published" type="date" required></label><button type="submit">Save date</button></form>`;
}

async function render(deps: ConsoleDeps, req: Request, res: Response, system: string | undefined, notice?: { kind: 'ok' | 'error'; text: string }, status = 200): Promise<void> {
  const answer = await deps.rest.call('GET', `/api/lifecycle${system ? `?${new URLSearchParams({ system })}` : ''}`);
  if (answer.status !== 200) {
    show(deps, req, res, { title: TITLE, active: ACTIVE, notice: { kind: 'error', text: restError(answer) }, body: html`<p><a href="${ACTIVE}">All systems</a></p>` }, answer.status === 404 ? 404 : 502);
    return;
  }
  const report = answer.json as Report;
  const one = system ? report.systems[0] : undefined;
  const body = one
    ? html`<p><a href="${ACTIVE}">All systems</a></p><h2>${one.system}</h2>${ruleText(report)}${systemTable(one)}${deps.ctx.admin.isOperator(req) ? correctionForm(one.rows[0]?.newest.namespace ?? '', `${ACTIVE}/${encodeURIComponent(one.system)}`) : ''}`
    : html`${ruleText(report)}<p>Most urgent first.</p>${overview(report)}`;
  show(deps, req, res, { title: TITLE, active: ACTIVE, notice, body }, status);
}

/** The migration report: an overview of every system by urgency, and a page per system with the operator's date correction. */
export const lifecyclePage: ConsolePage = (router, deps) => {
  router.get('/lifecycle', (req, res) => render(deps, req, res, undefined));
  router.get('/lifecycle/:system', (req, res) => render(deps, req, res, req.params.system));
  router.post('/lifecycle/published', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, TITLE, ACTIVE)) return;
    const back = formText(req, 'back');
    const system = back.startsWith(`${ACTIVE}/`) ? decodeURIComponent(back.slice(ACTIVE.length + 1)) : undefined;
    const answer = await deps.rest.call('PUT', '/api/lifecycle/contracts/published', { body: { namespace: formText(req, 'namespace'), published: formText(req, 'published') }, asOperator: true });
    const ok = answer.status === 200;
    const saved = answer.json as { namespace: string; published: string };
    await render(deps, req, res, system, ok ? { kind: 'ok', text: `${saved.namespace} published ${saved.published} (operator).` } : { kind: 'error', text: restError(answer) }, ok ? 200 : 400);
  });
};
