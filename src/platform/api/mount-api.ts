/** Registers declared routes under a prefix on the admin server, each behind its guard and request check. */
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AdminServer } from '../admin-server.js';
import { addRoutes } from '../openapi.js';
import { requestCheck } from './request-check.js';
import { BODY_LIMIT, bodyErrors, routePath } from '../body-errors.js';
import type { Access, ApiRoute, BadRequestCodes } from './route.js';

export interface ApiMount {
  /** where the routes are mounted, e.g. `/api/tak` ('' for the root) */
  prefix: string;
  routes: readonly ApiRoute[];
  /** the codes a request that does not match answers with, by part (default `NTJP_ERR_BAD_REQUEST`) */
  codes?: Partial<BadRequestCodes>;
  /** renders errors the handlers pass on */
  onError?: ErrorRequestHandler;
}

const BAD_REQUEST = 'NTJP_ERR_BAD_REQUEST';

/** Reads a raw JSON body with the limit and errors of the admin server's JSON parser. */
const readRawJson: Array<RequestHandler | ErrorRequestHandler> = [express.raw({ type: 'application/json', limit: BODY_LIMIT }), bodyErrors];

/** `rawJsonPaths`: where the admin server has a JSON parser of its own, which must leave raw-body routes alone. */
export function mountApi(admin: Pick<AdminServer, 'app' | 'requireReader' | 'requireOperator'> & Partial<Pick<AdminServer, 'rawJsonPaths'>>, mount: ApiMount): void {
  const guards: Record<Access, RequestHandler[]> = { reader: [admin.requireReader], operator: [admin.requireOperator], open: [] };
  const codes: BadRequestCodes = { params: BAD_REQUEST, query: BAD_REQUEST, body: BAD_REQUEST, ...mount.codes };
  const router = Router();
  for (const route of mount.routes) {
    const parse = route.otherBodies ? [route.otherBodies.parse] : [];
    if (route.rawJsonBody) admin.rawJsonPaths?.add(routePath(mount.prefix + route.path));
    const raw = route.rawJsonBody ? readRawJson : [];
    router[route.method](route.path, ...guards[route.access], ...raw, ...parse, requestCheck(route, { ...codes, ...route.codes }), route.handle);
  }
  if (mount.onError) router.use(mount.onError);
  if (mount.prefix === '') admin.app.use(router);
  else admin.app.use(mount.prefix, router);
  addRoutes(admin.app, mount.prefix, mount.routes);
}
