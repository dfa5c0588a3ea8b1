import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html } from '../html.js';
import { jsonView } from '../json-view.js';

const ACTIVE = '/console/orders';

interface OrderView {
  order: string;
  notice?: { kind: 'ok' | 'error'; text: string };
  report?: unknown;
  /** offer Apply: the last dry run of this order passed */
  canApply: boolean;
}

function render(deps: ConsoleDeps, req: Request, res: Response, v: OrderView, status = 200): void {
  show(
    deps,
    req,
    res,
    {
      title: 'Orders',
      active: ACTIVE,
      notice: v.notice,
      body: html`<p class="hint">A TAK bulk order (beställning) in JSON: paste it or pick a file, run it dry to see what it would change, then apply it. An order is all or nothing.</p>
<form method="post" action="/console/orders" class="stack" id="order-form">
<label>Order file <input type="file" accept=".json,application/json" data-fill="order"></label>
<label>Order JSON <textarea name="order" id="order" rows="16" spellcheck="false" required>${v.order}</textarea></label>
<div class="buttons"><button type="submit" name="action" value="dry-run">Dry run</button>${v.canApply ? html`<button type="submit" name="action" value="apply" class="primary">Apply</button>` : ''}</div>
</form>
${v.report === undefined ? '' : html`<h2>Report</h2><div id="order-report">${jsonView(v.report)}</div>`}`,
    },
    status,
  );
}

function withoutMessage(json: unknown): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  const { code: _code, message: _message, ...rest } = json as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

export const ordersPage: ConsolePage = (router, deps) => {
  router.get('/orders', (req, res) => render(deps, req, res, { order: '', canApply: false }));
  router.post('/orders', async (req, res) => {
    const order = formText(req, 'order');
    if (!signedInOrRefuse(deps, req, res, 'Orders', ACTIVE)) return;
    const apply = formText(req, 'action') === 'apply';
    let parsed: unknown;
    try {
      parsed = JSON.parse(order);
    } catch (e) {
      render(deps, req, res, { order, canApply: false, notice: { kind: 'error', text: `The order is not valid JSON: ${(e as Error).message}` } }, 400);
      return;
    }
    const answer = await deps.rest.call('POST', `/api/tak/orders?dryRun=${apply ? 'false' : 'true'}`, { body: parsed, asOperator: true });
    if (answer.status >= 400) {
      render(deps, req, res, { order, canApply: false, notice: { kind: 'error', text: `The order was refused: ${restError(answer)}` }, report: withoutMessage(answer.json) }, answer.status === 404 ? 502 : 400);
      return;
    }
    const text = apply ? 'The order was applied.' : 'Dry run passed: nothing was changed. Apply to make these changes.';
    render(deps, req, res, { order, canApply: !apply, notice: { kind: 'ok', text }, report: answer.json });
  });
};
