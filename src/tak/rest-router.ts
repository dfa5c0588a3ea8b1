/**
 * The catalogue's admin REST API under /api/tak: JSON in and out, errors as
 * `{code: TAK_ERR_*, message, problems}`. Writes need the operator credential, reads the reader check.
 * Each route is declared with its schemas once (`ApiRoute`); entities get one set of routes each.
 */
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { Type } from '@sinclair/typebox';
import { TakError } from './errors.js';
import { ENTITY_PATHS } from './rest-paths.js';
import { readHsaTree } from './hsa-import.js';
import type { XmlLimits } from '../shared/xml/limits.js';
import type { ReadName, TakService } from './service.js';
import { DATED_KINDS, type Kind } from './model.js';
import { NAMED_COLUMNS } from './named-rows.js';
import { parseRowQuery } from '../shared/row-page.js';
import type { ApiRoute } from '../platform/api/route.js';
import { IdParams, json, refusal } from '../platform/api/schemas.js';
import { AuditEntry, CatalogueData, CatalogueDiff, DiffLimit, HsaUnitsJson, Order, OrderReport, RowInput, Snapshot, StoredVersion, TablePage, TableQuery, VersionInfo, WorkingRow } from './api-schemas.js';

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Operators may name themselves for the audit trail; an operator certificate names its HSA-id. */
const userOf = (req: Request): string => req.get('x-ntjp-user') ?? (req.res?.locals.operatorHsaId as string | undefined) ?? 'operator';

const idOf = (req: Request): number => Number(req.params.id);

const optionalNumber = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));

const wrap = (h: Handler) => (req: Request, res: Response, next: NextFunction): void => {
  h(req, res).then((out) => {
    if (!res.headersSent) res.json(out);
  }, next);
};

/** JSON text made elsewhere (the catalogue's worker), sent as it is. */
const sendBytes = (res: Response, bytes: Uint8Array): void => void res.type('application/json').set('content-length', String(bytes.byteLength)).end(bytes);

/** A read whose answer grows with the catalogue: read and serialized by the service (`readJson`). */
const sendRead = (service: TakService, read: ReadName, args: (req: Request) => unknown[]) =>
  wrap(async (req, res) => sendBytes(res, await service.readJson(read, args(req))));

const refused = refusal('TAK_ERR_* with its problems');
const ok = (description: string, schema: Parameters<typeof json>[1]) => ({ 200: json(description, schema), 400: refused });

function entityRoutes(service: TakService, path: string, kind: Kind): ApiRoute[] {
  const routes: ApiRoute[] = [
    {
      method: 'get', path: `/${path}`, summary: `List ${path}`, access: 'reader',
      query: Type.Object({ includeDeleted: Type.Optional(Type.Boolean()) }),
      answers: ok('rows', Type.Array(WorkingRow(kind))),
      handle: wrap((req) => service.list(kind, { includeDeleted: req.query.includeDeleted === 'true' })),
    },
    {
      method: 'get', path: `/table/${path}`, summary: `One page of ${path} with references named, sorted and filtered`, access: 'reader',
      query: TableQuery(kind),
      answers: ok('a page of rows', TablePage),
      handle: wrap(async (req) => service.table(kind, parseRowQuery(req.query as Record<string, unknown>, NAMED_COLUMNS[kind]))),
    },
    {
      method: 'post', path: `/${path}`, summary: `Add a ${kind} (pending until published)`, access: 'operator',
      body: RowInput(kind),
      answers: { 201: json('the new row', WorkingRow(kind)), 400: refused },
      handle: wrap(async (req, res) => {
        const row = await service.add(kind, req.body as Record<string, unknown>, userOf(req));
        res.status(201);
        return row;
      }),
    },
    {
      method: 'delete', path: `/${path}/:id`, summary: `Delete a ${kind} (soft delete)`, access: 'operator', params: IdParams,
      answers: { 204: { description: 'deleted' }, 400: refused, 404: refused },
      handle: wrap(async (req, res) => {
        await service.remove(kind, idOf(req), userOf(req));
        res.status(204).end();
      }),
    },
  ];
  if (DATED_KINDS.has(kind)) {
    routes.push({
      method: 'post', path: `/${path}/:id/end`, summary: `End a ${kind} on 'to' (default yesterday)`, access: 'operator', params: IdParams,
      body: Type.Object({ to: Type.Optional(Type.String({ description: 'the last day YYYY-MM-DD' })) }),
      answers: { ...ok('the row', WorkingRow(kind)), 404: refused },
      handle: wrap(async (req) => service.end(kind, idOf(req), userOf(req), typeof req.body?.to === 'string' ? req.body.to : undefined)),
    });
  }
  return routes;
}

export function takRoutes(service: TakService, xmlLimits?: XmlLimits): ApiRoute[] {
  return [
    { method: 'get', path: '/versions', summary: 'Published versions', access: 'reader', answers: { 200: json('list', Type.Array(VersionInfo)) }, handle: wrap(() => service.versions()) },
    {
      method: 'get', path: '/versions/:id', summary: 'Download a version (its rows)', access: 'reader', params: IdParams,
      answers: { 200: json('the version', StoredVersion), 404: refused },
      handle: sendRead(service, 'version', (req) => [idOf(req)]),
    },
    {
      method: 'get', path: '/versions/:id/diff', summary: 'What a version added, extended, ended and removed', access: 'reader', params: IdParams,
      query: Type.Object({ against: Type.Optional(Type.Integer({ minimum: 0, description: 'the version to compare with (default the one before)' })), ...DiffLimit }),
      answers: { ...ok('the diff', CatalogueDiff), 404: refused },
      handle: sendRead(service, 'diff', (req) => [idOf(req), optionalNumber(req.query.against), optionalNumber(req.query.limit)]),
    },
    {
      method: 'get', path: '/pending', summary: 'What publishing now would change', access: 'reader', query: Type.Object(DiffLimit),
      answers: { 200: json('the diff', CatalogueDiff) },
      handle: sendRead(service, 'diff', (req) => [undefined, undefined, optionalNumber(req.query.limit)]),
    },
    {
      method: 'get', path: '/snapshot', summary: 'The active published catalogue as the hub sees it', access: 'reader', answers: { 200: json('snapshot', Snapshot) },
      handle: sendRead(service, 'snapshot', () => []),
    },
    {
      method: 'get', path: '/export', summary: 'Export a version (latest unless ?version=N); null before the first publish', access: 'reader',
      query: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      answers: { 200: json('rows', Type.Union([CatalogueData, Type.Null()])), 404: refused },
      handle: sendRead(service, 'export', (req) => [req.query.version ? Number(req.query.version) : undefined]),
    },
    {
      method: 'get', path: '/audit', summary: 'Who changed what and when, newest first', access: 'reader',
      query: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, description: 'entries (default 100, at most 10000)' })) }),
      answers: { 200: json('entries', Type.Array(AuditEntry)) },
      handle: wrap((req) => service.store.audit(Math.min(Number(req.query.limit ?? 100) || 100, 10_000))),
    },
    {
      method: 'post', path: '/orders', summary: 'Apply a bulk order (beställning), all or nothing', access: 'operator',
      query: Type.Object({ dryRun: Type.Optional(Type.Boolean({ description: 'report what would change, change nothing' })) }),
      body: Order,
      rawJsonBody: true,
      answers: { 200: json('what would change (dry run)', OrderReport), 201: json('what changed', OrderReport), 400: refused },
      handle: wrap(async (req, res) => {
        const body = Buffer.isBuffer(req.body) ? req.body : undefined;
        const { status, bytes } = await service.orderAnswer(body, { dryRun: req.query.dryRun === 'true', user: userOf(req) });
        sendBytes(res.status(status), bytes);
      }),
    },
    {
      method: 'post', path: '/publish', summary: 'Publish pending changes as a new version', access: 'operator',
      body: Type.Object({ comment: Type.Optional(Type.String()) }),
      answers: { 201: json('the new version', VersionInfo), 400: refused, 409: refused },
      handle: wrap(async (req, res) => {
        res.status(201);
        return service.publish(userOf(req), typeof req.body?.comment === 'string' ? req.body.comment : '');
      }),
    },
    {
      method: 'post', path: '/rollback', summary: 'Remove the latest version and revert to the one before', access: 'operator',
      answers: { ...ok('the removed and the now active version', Type.Object({ removed: VersionInfo, active: Type.Optional(VersionInfo) })), 409: refused },
      handle: wrap((req) => service.rollback(userOf(req))),
    },
    {
      method: 'post', path: '/import', summary: 'Replace the working catalogue by an export (pending until published)', access: 'operator',
      body: Type.Partial(CatalogueData),
      answers: ok('how many changes are pending', Type.Object({ pending: Type.Integer() })),
      handle: wrap(async (req) => {
        await service.importData(req.body, userOf(req));
        return { pending: await service.store.pendingCount() };
      }),
    },
    {
      method: 'post', path: '/hsa-units/import', summary: 'Replace the HSA tree: JSON [{hsaId, parent, name}] or HSA XML (HsaWsResponder:3)', access: 'operator',
      body: HsaUnitsJson,
      otherBodies: {
        types: Object.fromEntries(['application/xml', 'text/xml', 'text/plain'].map((t) => [t, Type.String({ description: 'HSA XML' })])),
        parse: express.text({ type: ['application/xml', 'text/xml', 'text/plain'], limit: '50mb' }),
      },
      answers: ok('how many units were imported', Type.Object({ imported: Type.Integer() })),
      handle: wrap(async (req) => {
        const units = typeof req.body === 'string' ? readHsaTree(req.body, xmlLimits) : readHsaTree(JSON.stringify(req.body));
        return { imported: await service.importHsa(units, userOf(req)) };
      }),
    },
    ...Object.entries(ENTITY_PATHS).flatMap(([path, kind]) => entityRoutes(service, path, kind)),
  ];
}

/** Anything else (a failing disk, a crash inside a transaction) was rolled back by the store: say so in JSON. */
export const takErrors: ErrorRequestHandler = (err: Error, _req, res, _next) => {
  const e = err instanceof TakError ? err : new TakError('TAK_ERR_INTERNAL', err.message);
  res.status(e.status).json({ code: e.code, message: e.message, problems: e.problems });
};
