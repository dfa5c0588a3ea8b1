import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { show, type ConsoleDeps, type ConsolePage } from './deps.js';
import { html } from './html.js';
import { availabilityPage } from './pages/availability.js';
import { cataloguePage } from './pages/catalogue.js';
import { catalogueAuditPage } from './pages/catalogue-audit.js';
import { catalogueEntitiesPage } from './pages/catalogue-entities.js';
import { catalogueVersionsPage } from './pages/catalogue-versions.js';
import { engagementsPage } from './pages/engagements.js';
import { lifecyclePage } from './pages/lifecycle.js';
import { trafficPage } from './pages/traffic.js';
import { trafficCallPage } from './pages/traffic-call.js';
import { ordersPage } from './pages/orders.js';
import { registerPage } from './pages/register.js';
import { signInPage } from './pages/sign-in.js';
import { statusPage } from './pages/status.js';

// The catalogue's fixed paths (pending, versions, audit) come before its /catalogue/:entity pages.
const PAGES: ConsolePage[] = [signInPage, statusPage, cataloguePage, catalogueVersionsPage, catalogueAuditPage, catalogueEntitiesPage, ordersPage, registerPage, engagementsPage, trafficPage, trafficCallPage, availabilityPage, lifecyclePage];

// tsc does not copy the static files to dist/, so a built console serves them from the source tree.
const STATIC_DIR = ['./static/', '../../src/console/static/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url))).find((dir) => existsSync(dir));
const FORM_LIMIT = '20mb';

/** A form sent from another origin, or with the cookie but without its session's token, changes nothing: 403. */
function refuseForgery(deps: ConsoleDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const why = deps.ctx.admin.csrfRefusal(req);
    if (!why) return next();
    show(deps, req, res, { title: 'Request refused', active: '', notice: { kind: 'error', text: why }, body: html`<p>Nothing was changed.</p>` }, 403);
  };
}

/**
 * The console under /console: static files, then the pages; reads follow the admin server's reader rule, and
 * forms are parsed first so the forgery check can read their token.
 */
export function consoleRouter(deps: ConsoleDeps): express.Router {
  const router = express.Router();
  router.use('/static', express.static(STATIC_DIR ?? 'static', { index: false, fallthrough: false, maxAge: 0 }));
  router.use(express.urlencoded({ extended: false, limit: FORM_LIMIT }));
  router.use(refuseForgery(deps));
  router.use(deps.ctx.admin.requireReader);
  for (const page of PAGES) page(router, deps);
  router.use((req: Request, res: Response) => {
    show(deps, req, res, { title: 'Not found', active: '', body: html`<p>No console page at ${req.originalUrl}.</p>` }, 404);
  });
  router.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.ctx.log.error('console page failed', { url: req.originalUrl, error: err.message });
    show(deps, req, res, { title: 'Error', active: '', notice: { kind: 'error', text: status === 500 ? `The page failed: ${err.message}` : err.message }, body: html`` }, status);
  });
  return router;
}
