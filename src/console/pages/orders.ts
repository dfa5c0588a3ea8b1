import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { jsonView } from '../json-view.js';

const ACTIVE = '/console/orders';

export interface OrderView {
  order: string;
  notice?: { kind: 'ok' | 'error'; text: string };
  report?: unknown;
  /** offer Apply: the last dry run of this order passed */
  canApply: boolean;
  /** shown above the form (the register page puts the certificate downloads here) */
  preface?: SafeHtml;
  /** where the form posts (default: this page) and hidden fields it carries, for a page that adds a step to Apply */
  form?: { action: string; hidden: SafeHtml };
}

export function renderOrder(deps: ConsoleDeps, req: Request, res: Response, v: OrderView, status = 200, title = 'Orders', active = ACTIVE): void {
  show(
    deps,
    req,
    res,
    {
      title,
      active,
      notice: v.notice,
      body: html`${v.preface ?? ''}<p class="hint">A TAK bulk order (beställning) in JSON: paste it or pick a file, run it dry to see what it would change, then apply it. An order is all or nothing; applied changes are pending until <a href="/console/catalogue/pending">published</a>.</p>
<form method="post" action="${v.form?.action ?? ACTIVE}" class="stack" id="order-form">${v.form?.hidden ?? ''}
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

/** Runs an order's text dry or for real through the catalogue's REST API; the view and status to show. */
export async function submitOrder(deps: ConsoleDeps, order: string, apply: boolean): Promise<{ view: OrderView; status: number }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(order);
  } catch (e) {
    return { view: { order, canApply: false, notice: { kind: 'error', text: `The order is not valid JSON: ${(e as Error).message}` } }, status: 400 };
  }
  const answer = await deps.rest.call('POST', `/api/tak/orders?dryRun=${apply ? 'false' : 'true'}`, { body: parsed, asOperator: true });
  if (answer.status >= 400) {
    return { view: { order, canApply: false, notice: { kind: 'error', text: `The order was refused: ${restError(answer)}` }, report: withoutMessage(answer.json) }, status: answer.status === 404 ? 502 : 400 };
  }
  const text = apply ? 'The order was applied; publish it on Catalogue → Pending changes and publish.' : 'Dry run passed: nothing was changed. Apply to make these changes.';
  return { view: { order, canApply: !apply, notice: { kind: 'ok', text }, report: answer.json }, status: 200 };
}

export const ordersPage: ConsolePage = (router, deps) => {
  router.get('/orders', (req, res) => renderOrder(deps, req, res, { order: '', canApply: false }));
  router.post('/orders', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, 'Orders', ACTIVE)) return;
    const { view, status } = await submitOrder(deps, formText(req, 'order'), formText(req, 'action') === 'apply');
    renderOrder(deps, req, res, view, status);
  });
};
