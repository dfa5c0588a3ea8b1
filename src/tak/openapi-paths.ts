/** The catalogue's part of /api/openapi.json. */
import type { OpenApiPaths } from '../platform/openapi.js';
import { INPUT_FIELDS } from './entity-inputs.js';
import { ENTITY_PATHS } from './rest-paths.js';
import { NAMED_COLUMNS } from './named-rows.js';

const json = { content: { 'application/json': { schema: { type: 'object' } } } };
const ok = (description: string): Record<string, unknown> => ({ 200: { description, ...json }, 400: { description: 'TAK_ERR_* with problems' } });
const operator = [{ operator: [] }];

export function takOpenApiPaths(): OpenApiPaths {
  const paths: OpenApiPaths = {
    '/api/tak/orders': { post: { summary: 'Apply a bulk order (beställning), all or nothing', parameters: [{ name: 'dryRun', in: 'query', schema: { type: 'boolean' } }], requestBody: json, security: operator, responses: ok('the report of what changed (or would)') } },
    '/api/tak/publish': { post: { summary: 'Publish pending changes as a new version', security: operator, responses: ok('the new version') } },
    '/api/tak/rollback': { post: { summary: 'Remove the latest version and revert to the one before', security: operator, responses: ok('the removed and the active version') } },
    '/api/tak/versions': { get: { summary: 'Published versions', responses: ok('list') } },
    '/api/tak/versions/{id}': { get: { summary: 'Download a version (its rows)', responses: ok('the version') } },
    '/api/tak/versions/{id}/diff': { get: { summary: 'What a version added, extended, ended and removed', parameters: [{ name: 'against', in: 'query', schema: { type: 'integer' } }], responses: ok('the diff') } },
    '/api/tak/pending': { get: { summary: 'What publishing now would change', responses: ok('the diff') } },
    '/api/tak/snapshot': { get: { summary: 'The active published catalogue as the hub sees it', responses: ok('snapshot') } },
    '/api/tak/export': { get: { summary: 'Export a version (latest unless ?version=N)', responses: ok('rows') } },
    '/api/tak/import': { post: { summary: 'Replace the working catalogue by an export (pending until published)', requestBody: json, security: operator, responses: ok('pending count') } },
    '/api/tak/hsa-units/import': { post: { summary: 'Replace the HSA tree: JSON [{hsaId, parent, name}] or HSA XML (HsaWsResponder:3)', security: operator, responses: ok('count') } },
    '/api/tak/audit': { get: { summary: 'Who changed what and when', responses: ok('entries') } },
  };
  for (const [path, kind] of Object.entries(ENTITY_PATHS)) {
    const fields = INPUT_FIELDS[kind];
    paths[`/api/tak/${path}`] = {
      get: { summary: `List ${path}`, parameters: [{ name: 'includeDeleted', in: 'query', schema: { type: 'boolean' } }], responses: ok('rows') },
      post: { summary: `Add a ${kind} (pending until published). Required: ${fields.required.join(', ')}; optional: ${fields.optional.join(', ') || '–'}`, requestBody: json, security: operator, responses: { 201: { description: 'the new row' } } },
    };
    paths[`/api/tak/table/${path}`] = {
      get: {
        summary: `One page of ${path} with references named, sorted and filtered: {total, offset, limit, rows}`,
        parameters: [
          ...['offset', 'limit'].map((name) => ({ name, in: 'query', schema: { type: 'integer', minimum: 0 } })),
          { name: 'sort', in: 'query', schema: { type: 'string', enum: [...NAMED_COLUMNS[kind]] } },
          { name: 'desc', in: 'query', schema: { type: 'string', enum: ['1'] } },
          ...NAMED_COLUMNS[kind].map((c) => ({ name: `f.${c}`, in: 'query', description: `${c} contains (any case)`, schema: { type: 'string' } })),
        ],
        responses: ok('a page of rows'),
      },
    };
    paths[`/api/tak/${path}/{id}`] = { delete: { summary: `Delete a ${kind} (soft delete)`, security: operator, responses: { 204: { description: 'deleted' } } } };
    if (kind === 'route' || kind === 'permission') paths[`/api/tak/${path}/{id}/end`] = { post: { summary: `End a ${kind} on 'to' (default yesterday)`, security: operator, responses: ok('the row') } };
  }
  return paths;
}
