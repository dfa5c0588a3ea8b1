import type { Request, Response, Router } from 'express';
import type { PlatformContext } from '../platform/context.js';
import type { AvailabilityMonitor } from './availability/monitor.js';
import type { AvailabilityStore } from './availability/store.js';
import type { MinuteRollup } from './dashboard/minute-rollup.js';
import { html } from './html.js';
import { sendPage, type PageView } from './layout.js';
import type { RestClient } from './rest-client.js';

/** What every console page gets. */
export interface ConsoleDeps {
  ctx: PlatformContext;
  rest: RestClient;
  availability: { store: AvailabilityStore; monitor: AvailabilityMonitor };
  /** the hub's calls per contract and minute over the last hour (empty without the hub) */
  rollup: MinuteRollup;
  clock: () => number;
  startedAtMs: number;
}

/** A page module: adds its routes under /console. */
export type ConsolePage = (router: Router, deps: ConsoleDeps) => void;

export function show(deps: ConsoleDeps, req: Request, res: Response, view: Omit<PageView, 'signedIn' | 'csrfToken'>, status = 200): void {
  sendPage(res, { ...view, signedIn: deps.ctx.admin.isOperator(req), csrfToken: deps.ctx.admin.csrf.tokenOf(req) }, status);
}

/** Writes need sign-in: answers 401 with a sign-in link and returns false when the operator is not signed in. */
export function signedInOrRefuse(deps: ConsoleDeps, req: Request, res: Response, title: string, active: string): boolean {
  if (deps.ctx.admin.isOperator(req)) return true;
  show(
    deps,
    req,
    res,
    {
      title,
      active,
      notice: { kind: 'error', text: 'This changes the platform: sign in as operator first.' },
      body: html`<p><a href="/console/sign-in?back=${encodeURIComponent(active)}">Sign in</a></p>`,
    },
    401,
  );
  return false;
}

/** The text of an error answer of the REST API (`{code, message}`), else its status. */
export function restError(answer: { status: number; json: unknown; text: string }): string {
  const j = answer.json as { code?: string; message?: string } | undefined;
  if (j && (j.code || j.message)) return [j.code, j.message].filter(Boolean).join(': ');
  const plain = answer.text && !answer.text.trimStart().startsWith('<') ? `: ${answer.text.slice(0, 300)}` : '';
  return `HTTP ${answer.status}${plain}`;
}

export function formText(req: Request, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}
