import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { jsonView } from '../json-view.js';
import { tableQuery, tableView, type Column } from '../table/table-view.js';
import { pageRows } from '../../shared/row-page.js';

const ACTIVE = '/console/engagements';
type Row = Record<string, unknown>;

/** An engagement's fields (the EI's names); the person and domain asked for are the page's own inputs. */
const ENGAGEMENT_COLUMNS: ReadonlyArray<Column<Row>> = [
  'categorization',
  'logicalAddress',
  'sourceSystem',
  'dataController',
  'businessObjectInstanceIdentifier',
  'clinicalProcessInterestId',
  'mostRecentContent',
  'updateTime',
].map((key) => ({ key }));

interface DeadLetter {
  id: number;
  subscriber: string;
  correlationId: string;
  transactions: number;
  attempts: number;
  lastError: string | null;
  deadAt: number | null;
}

function deadLetterTable(letters: DeadLetter[], signedIn: boolean): SafeHtml {
  if (letters.length === 0) return html`<p class="empty">No dead letters.</p>`;
  const redeliver = (id: string, label: string): SafeHtml =>
    signedIn ? html`<form method="post" action="/console/engagements/redeliver"><input type="hidden" name="id" value="${id}"><button type="submit">${label}</button></form>` : html``;
  return html`<table class="data" id="dead-letters"><thead><tr><th>id</th><th>subscriber</th><th>correlation id</th><th>transactions</th><th>attempts</th><th>last error</th><th>dead since</th><th>${redeliver('all', 'Redeliver all')}</th></tr></thead><tbody>${letters.map(
    (d) => html`<tr><td>${d.id}</td><td>${d.subscriber}</td><td>${d.correlationId}</td><td>${d.transactions}</td><td>${d.attempts}</td><td>${d.lastError ?? ''}</td><td>${d.deadAt ? new Date(d.deadAt).toISOString() : ''}</td><td>${redeliver(String(d.id), 'Redeliver')}</td></tr>`,
  )}</tbody></table>`;
}

async function render(deps: ConsoleDeps, req: Request, res: Response, notice?: { kind: 'ok' | 'error'; text: string }, status = 200): Promise<void> {
  const person = typeof req.query.person === 'string' ? req.query.person.trim() : '';
  const domain = typeof req.query.serviceDomain === 'string' ? req.query.serviceDomain.trim() : '';
  const [stats, dead, found] = await Promise.all([
    deps.rest.call('GET', '/api/ei/stats'),
    deps.rest.call('GET', '/api/ei/dead-letters'),
    person ? deps.rest.call('GET', `/api/ei/engagements?${new URLSearchParams({ registeredResidentIdentification: person, serviceDomain: domain })}`) : undefined,
  ]);
  if (stats.status !== 200) {
    show(deps, req, res, { title: 'Engagement index', active: ACTIVE, notice: { kind: 'error', text: `The engagement index is not available: ${restError(stats)}` }, body: html`` }, 502);
    return;
  }
  const s = stats.json as { engagements: number; counts: unknown; subscribers: unknown; outbox: unknown };
  const query = tableQuery(req.query as Row, ENGAGEMENT_COLUMNS);
  const engagements = found?.status === 200 && Array.isArray(found.json) ? (found.json as Row[]) : [];
  const lookup =
    found === undefined
      ? html``
      : found.status === 200
        ? html`<h2>Engagements of ${person}: ${engagements.length}</h2><div id="engagements">${tableView({
            id: 'engagements-table',
            path: ACTIVE,
            keep: [['person', person], ['serviceDomain', domain]],
            columns: ENGAGEMENT_COLUMNS,
            query,
            page: pageRows(engagements, ENGAGEMENT_COLUMNS.map((c) => c.key), query),
          })}</div>`
        : html`<p class="notice error" role="alert">${restError(found)}</p>`;
  show(
    deps,
    req,
    res,
    {
      title: 'Engagement index',
      active: ACTIVE,
      notice,
      body: html`<form method="get" action="${ACTIVE}" class="grid"><label>Person id (personnummer) <input name="person" value="${person}" required></label>
<label>Service domain <input name="serviceDomain" value="${domain}" required placeholder="riv:crm:scheduling"></label><button type="submit">Look up</button></form>
${lookup}
<h2>Size</h2><p id="ei-size">${s.engagements} engagements</p>
<h2>Counts per domain and source</h2><div id="ei-counts">${jsonView(s.counts)}</div>
<h2>Subscribers and queues</h2>${jsonView({ subscribers: s.subscribers, outbox: s.outbox })}
<h2>Dead letters</h2>${deadLetterTable(dead.status === 200 ? (dead.json as DeadLetter[]) : [], deps.ctx.admin.isOperator(req))}`,
    },
    status,
  );
}

export const engagementsPage: ConsolePage = (router, deps) => {
  router.get('/engagements', (req, res) => render(deps, req, res));
  router.post('/engagements/redeliver', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, 'Engagement index', ACTIVE)) return;
    const id = formText(req, 'id');
    const body = id === 'all' ? {} : { ids: [Number(id)] };
    const answer = await deps.rest.call('POST', '/api/ei/dead-letters/redeliver', { body, asOperator: true });
    const ok = answer.status === 200;
    await render(deps, req, res, ok ? { kind: 'ok', text: `Redelivered ${(answer.json as { redelivered: number }).redelivered} dead letters.` } : { kind: 'error', text: restError(answer) }, ok ? 200 : 400);
  });
};
