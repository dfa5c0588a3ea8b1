import type { Request, Response } from 'express';
import { Type } from '@sinclair/typebox';
import type { ContractsService } from './contracts-service.js';
import { ContractImportError } from './import-error.js';
import { parseRule, ValidationRuleError } from './validation-rules.js';
import type { LifecycleService } from './lifecycle/lifecycle-service.js';
import { isIsoDate } from '../tak/dates.js';
import type { ApiRoute } from '../platform/api/route.js';
import { json, refusal } from '../platform/api/schemas.js';
import { ImportedRelease, ImportRequest, KnownContract, RulesRequest, ValidationRule, Violations } from './api-schemas.js';

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/**
 * REST under `/api/contracts`: the known contracts, an import of a server-side folder or zip, the validation
 * rules and the violations seen. Reads are open on loopback; writes need the operator token.
 */
export function contractsRoutes(service: ContractsService, lifecycle: LifecycleService): ApiRoute[] {
  return [
    { method: 'get', path: '/', summary: 'The known contracts: catalogue, imported releases and schemas', access: 'reader', answers: { 200: json('contracts', Type.Array(KnownContract)) }, handle: (_req, res) => void res.json(service.list()) },
    {
      method: 'post', path: '/import', summary: 'Import the domain releases in a folder or zip on the platform host', access: 'operator',
      body: ImportRequest,
      codes: { body: 'NTJP_ERR_CONTRACT_IMPORT' },
      answers: { 200: json('the imported releases', Type.Array(ImportedRelease)), 400: refusal('NTJP_ERR_CONTRACT_IMPORT or NTJP_ERR_LIFECYCLE_DATE') },
      handle: async (req: Request, res: Response) => {
        const { path: source, published } = req.body as { path: string; published?: string };
        if (published !== undefined && !isIsoDate(published)) return fail(res, 400, 'NTJP_ERR_LIFECYCLE_DATE', `publication date ${JSON.stringify(published)} is not a date YYYY-MM-DD`);
        try {
          const releases = await service.importReleases(source);
          if (published !== undefined) await lifecycle.recordReleaseDate(releases, published, req.get('x-ntjp-user') ?? 'operator');
          res.json(releases);
        } catch (e) {
          if (e instanceof ContractImportError) return fail(res, 400, e.code, e.message);
          throw e;
        }
      },
    },
    { method: 'get', path: '/validation', summary: 'The validation rules per contract', access: 'reader', answers: { 200: json('rules', Type.Array(ValidationRule)) }, handle: (_req, res) => void res.json(service.rules.list()) },
    {
      method: 'put', path: '/validation', summary: 'Replace the validation rules', access: 'operator',
      body: RulesRequest,
      codes: { body: 'NTJP_ERR_VALIDATION_RULE' },
      answers: { 200: json('the rules now', Type.Array(ValidationRule)), 400: refusal('NTJP_ERR_VALIDATION_RULE') },
      handle: (req: Request, res: Response) => {
        try {
          service.rules.replace((req.body as { rules: string[] }).rules.map(parseRule));
        } catch (e) {
          if (e instanceof ValidationRuleError) return fail(res, 400, e.code, e.message);
          throw e;
        }
        res.json(service.rules.list());
      },
    },
    { method: 'get', path: '/violations', summary: 'Schema violations seen: counts per contract and the latest ones', access: 'reader', answers: { 200: json('violations', Violations) }, handle: (_req, res) => void res.json({ counts: service.violationCounts(), recent: service.recentViolations() }) },
  ];
}
