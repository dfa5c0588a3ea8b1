/**
 * The catalogue's admin REST API under /api/tak (issue 3 §4): JSON in and out, errors as
 * `{code: TAK_ERR_*, message, problems}`. Writes need the operator credential, reads the reader check.
 */
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { TakError } from './errors.js';
import { ENTITY_PATHS } from './rest-paths.js';
import { readHsaTree } from './hsa-import.js';
import type { XmlLimits } from '../shared/xml/limits.js';
import { sendJsonInSlices } from './json-in-slices.js';
import type { TakService } from './service.js';
import { NAMED_COLUMNS } from './named-rows.js';
import { parseRowQuery } from '../shared/row-page.js';

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Operators may name themselves for the audit trail; an operator certificate names its HSA-id. */
const userOf = (req: Request): string => req.get('x-ntjp-user') ?? (req.res?.locals.operatorHsaId as string | undefined) ?? 'operator';

function kindOf(req: Request): (typeof ENTITY_PATHS)[string] {
  const kind = ENTITY_PATHS[req.params.entity as string];
  if (!kind) throw new TakError('TAK_ERR_NOT_FOUND', `Unknown entity '${String(req.params.entity)}'; known: ${Object.keys(ENTITY_PATHS).join(', ')}.`);
  return kind;
}

function idOf(req: Request, name = 'id'): number {
  const id = Number(req.params[name]);
  if (!Number.isInteger(id) || id <= 0) throw new TakError('TAK_ERR_BAD_INPUT', `${name} '${String(req.params[name])}' is not a positive whole number`);
  return id;
}

function body(req: Request): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw new TakError('TAK_ERR_BAD_INPUT', 'the body must be a JSON object');
  return req.body as Record<string, unknown>;
}

export function takRouter(service: TakService, guards: { reader: RequestHandler; operator: RequestHandler }, xmlLimits?: XmlLimits): Router {
  const router = Router();
  const wrap = (h: Handler) => (req: Request, res: Response, next: NextFunction): void => {
    h(req, res).then((out) => {
      if (!res.headersSent) res.json(out);
    }, next);
  };
  const read = (path: string, h: Handler): void => void router.get(path, guards.reader, wrap(h));
  const write = (method: 'post' | 'delete', path: string, h: Handler): void => void router[method](path, guards.operator, wrap(h));

  read('/versions', () => service.versions());
  read('/versions/:id', async (req) => service.version(idOf(req)));
  read('/versions/:id/diff', async (req) => service.diff(idOf(req), req.query.against === undefined ? undefined : Number(req.query.against)));
  read('/pending', () => service.diff());
  read('/snapshot', async () => (await service.latestSnapshot()) ?? { version: 0, routes: [], permissions: [], hsaUnits: [] });
  read('/export', async (req) => (req.query.version ? service.version(Number(req.query.version)) : service.latest()).then((v) => v?.data ?? null));
  read('/audit', (req) => service.store.audit(Math.min(Number(req.query.limit ?? 100) || 100, 10_000)));
  write('post', '/orders', async (req, res) => {
    const dryRun = req.query.dryRun === 'true';
    const report = await service.order(req.body, { dryRun, user: userOf(req) });
    await sendJsonInSlices(res.status(dryRun ? 200 : 201), { ...report });
  });
  write('post', '/publish', async (req, res) => {
    res.status(201);
    return service.publish(userOf(req), typeof req.body?.comment === 'string' ? req.body.comment : '');
  });
  write('post', '/rollback', (req) => service.rollback(userOf(req)));
  write('post', '/import', async (req) => {
    await service.importData(req.body, userOf(req));
    return { pending: await service.store.pendingCount() };
  });
  router.post('/hsa-units/import', guards.operator, express.text({ type: ['application/xml', 'text/xml', 'text/plain'], limit: '50mb' }), wrap(async (req) => {
    const units = typeof req.body === 'string' ? readHsaTree(req.body, xmlLimits) : readHsaTree(JSON.stringify(req.body));
    return { imported: await service.importHsa(units, userOf(req)) };
  }));
  read('/table/:entity', (req) => {
    const kind = kindOf(req);
    return service.table(kind, parseRowQuery(req.query as Record<string, unknown>, NAMED_COLUMNS[kind]));
  });
  read('/:entity', (req) => service.list(kindOf(req), { includeDeleted: req.query.includeDeleted === 'true' }));
  write('post', '/:entity', async (req, res) => {
    const kind = kindOf(req);
    const row = await service.add(kind, body(req), userOf(req));
    res.status(201);
    return row;
  });
  write('post', '/:entity/:id/end', async (req) => service.end(kindOf(req), idOf(req), userOf(req), typeof req.body?.to === 'string' ? req.body.to : undefined));
  write('delete', '/:entity/:id', async (req, res) => {
    await service.remove(kindOf(req), idOf(req), userOf(req));
    res.status(204).end();
  });
  // Anything else (a failing disk, a crash inside a transaction) was rolled back by the store: say so in JSON.
  router.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    const e = err instanceof TakError ? err : new TakError('TAK_ERR_INTERNAL', err.message);
    res.status(e.status).json({ code: e.code, message: e.message, problems: e.problems });
  });
  return router;
}
