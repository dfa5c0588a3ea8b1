/** The lifecycle's part of /api/openapi.json, with the report's schema. */
import type { OpenApiPaths } from '../../platform/openapi.js';
import { STATUS_ORDER } from './report.js';

const date = { type: 'string', format: 'date' };
const nullableDate = { ...date, nullable: true };
const majors = { type: 'array', items: { type: 'integer' } };
const error = { description: '{code, message}', content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } };

const contractVersion = {
  type: 'object',
  required: ['namespace', 'domain', 'interaction', 'major', 'version', 'release', 'published', 'source', 'basis'],
  properties: {
    namespace: { type: 'string', description: 'Responder namespace' },
    domain: { type: 'string' },
    interaction: { type: 'string' },
    major: { type: 'integer' },
    version: { type: 'string', description: 'interaction version m.n; empty when only the catalogue names it' },
    release: { type: 'string', nullable: true, description: 'domain release version' },
    published: nullableDate,
    source: { type: 'string', nullable: true, enum: ['operator', 'release-files', 'import', 'descriptor', null] },
    basis: { type: 'string', description: 'where the date comes from, or why it is missing' },
  },
};

const row = {
  type: 'object',
  properties: {
    domain: { type: 'string' },
    interaction: { type: 'string' },
    produces: majors,
    permitted: majors,
    called: { type: 'array', items: { type: 'object', properties: { major: { type: 'integer' }, calls: { type: 'integer' }, lastDay: date } } },
    inUse: majors,
    newest: contractVersion,
    deadline: nullableDate,
    status: { type: 'string', enum: STATUS_ORDER },
    statusText: { type: 'string', example: 'migrate by 2026-09-30' },
    daysToDeadline: { type: 'integer', nullable: true },
    migrating: { type: 'boolean', description: 'the newest and an older major are both live' },
    oldMajorOnly: { type: 'boolean', description: 'only older majors while the newest is routed for other systems' },
  },
};

const report = {
  type: 'object',
  properties: {
    today: date,
    rule: { type: 'object', properties: { deadlineMonths: { type: 'integer' }, warningMonths: { type: 'integer' }, calledWithinDays: { type: 'integer' } } },
    systems: {
      type: 'array',
      items: { type: 'object', properties: { system: { type: 'string' }, status: { type: 'string', enum: STATUS_ORDER }, daysToNearestDeadline: { type: 'integer', nullable: true }, rows: { type: 'array', items: row } } },
    },
  },
};

const json = (schema: unknown): Record<string, unknown> => ({ content: { 'application/json': { schema } } });

export function lifecycleOpenApiPaths(): OpenApiPaths {
  return {
    '/api/lifecycle': {
      get: {
        summary: 'Contract migration report per system (publication + 18 months), most urgent first',
        parameters: [{ name: 'system', in: 'query', required: false, schema: { type: 'string' }, description: 'one system (HSA-id)' }],
        responses: { 200: { description: 'the report', ...json(report) }, 404: { ...error, description: 'NTJP_ERR_LIFECYCLE_SYSTEM: not in the catalogue' } },
      },
    },
    '/api/lifecycle/contracts': {
      get: { summary: 'Every known contract version with its domain release and publication date', responses: { 200: { description: 'versions', ...json({ type: 'array', items: contractVersion }) } } },
    },
    '/api/lifecycle/contracts/published': {
      put: {
        summary: "Correct a contract major's publication date (wins over every other source)",
        security: [{ operator: [] }],
        requestBody: { required: true, ...json({ type: 'object', required: ['namespace', 'published'], properties: { namespace: { type: 'string' }, published: date } }) },
        responses: { 200: { description: 'the corrected version', ...json(contractVersion) }, 400: { ...error, description: 'NTJP_ERR_LIFECYCLE_DATE or NTJP_ERR_LIFECYCLE_CONTRACT' } },
      },
    },
  };
}
