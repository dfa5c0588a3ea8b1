/**
 * One OpenAPI document for the whole admin API at `/api/openapi.json`: each component's routes are added as
 * it mounts them (`mountApi`), each operation made from the same declaration that registers and checks it.
 */
import type { Express } from 'express';
import type { TObject, TSchema } from '@sinclair/typebox';
import { VERSION } from './version.js';
import type { Access, ApiRoute } from './api/route.js';

/** A mounted route and the path it has in the document (`/api/tak/versions/{id}`). */
export interface DeclaredRoute {
  path: string;
  route: ApiRoute;
}

const declared = new WeakMap<Express, DeclaredRoute[]>();

const SECURITY: Record<Access, Array<Record<string, string[]>>> = {
  operator: [{ operator: [] }],
  // Reads are open on loopback and need the operator credential from elsewhere.
  reader: [{}, { operator: [] }],
  open: [],
};

const ERROR_SCHEMA = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } };

const GUARD_ANSWERS = {
  operator: { 401: 'no operator credential', 403: 'a credential that is not an operator, or a cross-site request' },
  reader: { 401: 'a read from outside loopback without an operator credential', 403: 'a certificate that is not an operator, or a cross-site request' },
};

/** Answers every checked or guarded route may give besides its own. */
function implicitAnswers(route: ApiRoute): Record<number, string> {
  const answers: Record<number, string> = {};
  if (route.params || route.query || route.body || route.otherBodies) answers[400] = 'the request does not match: {code, message} naming the field';
  if (route.access !== 'open') Object.assign(answers, GUARD_ANSWERS[route.access]);
  return answers;
}

const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

const operationId = (method: string, path: string): string =>
  method + path.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

function parameters(where: 'path' | 'query', schema: TObject | undefined): unknown[] {
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, { description, ...s }]: [string, TSchema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(description ? { description } : {}),
    schema: s,
  }));
}

function requestBody(route: ApiRoute): unknown {
  const content: Record<string, { schema: TSchema }> = {};
  if (route.body) content['application/json'] = { schema: route.body };
  for (const [type, schema] of Object.entries(route.otherBodies?.types ?? {})) content[type] = { schema };
  return Object.keys(content).length > 0 ? { required: true, content } : undefined;
}

function operation(route: ApiRoute, path: string): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(implicitAnswers(route))) responses[status] = { description, content: { 'application/json': { schema: ERROR_SCHEMA } } };
  for (const [status, a] of Object.entries(route.answers)) {
    responses[status] = a.schema ? { description: a.description, content: { [a.contentType ?? 'application/json']: { schema: a.schema } } } : { description: a.description };
  }
  const params = [...parameters('path', route.params), ...parameters('query', route.query)];
  const body = requestBody(route);
  return {
    operationId: operationId(route.method, path),
    summary: route.summary,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    security: SECURITY[route.access],
    responses,
  };
}

function document(routes: readonly DeclaredRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, route } of routes) (paths[path] ??= {})[route.method] = operation(route, path);
  return {
    openapi: '3.1.0',
    info: { title: 'ntjp-emulator admin API', version: VERSION, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
    servers: [{ url: '/', description: 'the admin listener (platform.adminPort)' }],
    components: { securitySchemes: { operator: { type: 'http', scheme: 'bearer', description: 'the operator token (platform.operatorToken)' } } },
    paths,
  };
}

/** Adds routes mounted under `prefix` to the app's document, serving `/api/openapi.json` on first use. */
export function addRoutes(app: Express, prefix: string, routes: readonly ApiRoute[]): void {
  let list = declared.get(app);
  if (!list) {
    const created: DeclaredRoute[] = [];
    declared.set(app, created);
    app.get('/api/openapi.json', (_req, res) => void res.json(document(created)));
    list = created;
  }
  for (const route of routes) list.push({ path: openApiPath(prefix + route.path), route });
}

/** Every route in the app's document (tests check real answers against their schemas). */
export function declaredRoutes(app: Express): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}
