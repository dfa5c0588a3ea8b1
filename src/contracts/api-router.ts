import express, { Router, type Request, type Response } from 'express';
import type { AdminServer } from '../platform/admin-server.js';
import type { ContractsService } from './contracts-service.js';
import { ContractImportError } from './import-error.js';
import { parseRule, ValidationRuleError } from './validation-rules.js';
import type { LifecycleService } from './lifecycle/lifecycle-service.js';
import { isIsoDate } from '../tak/dates.js';

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/**
 * REST under `/api/contracts`: the known contracts, an import of a server-side folder or zip, the validation
 * rules and the violations seen. Reads are open on loopback; writes need the operator token.
 */
export function contractsRouter(service: ContractsService, admin: Pick<AdminServer, 'requireOperator' | 'requireReader'>, lifecycle: LifecycleService): Router {
  const r = Router();
  r.get('/', admin.requireReader, (_req, res) => void res.json(service.list()));
  r.post('/import', admin.requireOperator, express.json(), async (req: Request, res: Response) => {
    const { path: source, published } = (req.body ?? {}) as { path?: unknown; published?: unknown };
    if (typeof source !== 'string' || source === '') return fail(res, 400, 'NTJP_ERR_CONTRACT_IMPORT', 'body must be {"path": "<folder or zip on the platform host>", "published"?: "YYYY-MM-DD"}');
    if (published !== undefined && !isIsoDate(published)) return fail(res, 400, 'NTJP_ERR_LIFECYCLE_DATE', `publication date ${JSON.stringify(published)} is not a date YYYY-MM-DD`);
    try {
      const releases = await service.importReleases(source);
      if (published !== undefined) lifecycle.recordReleaseDate(releases, published, req.get('x-ntjp-user') ?? 'operator');
      lifecycle.invalidate();
      res.json(releases);
    } catch (e) {
      if (e instanceof ContractImportError) return fail(res, 400, e.code, e.message);
      throw e;
    }
  });
  r.get('/validation', admin.requireReader, (_req, res) => void res.json(service.rules.list()));
  r.put('/validation', admin.requireOperator, express.json(), (req: Request, res: Response) => {
    const rules = (req.body as { rules?: unknown } | undefined)?.rules;
    if (!Array.isArray(rules) || !rules.every((x) => typeof x === 'string')) return fail(res, 400, 'NTJP_ERR_VALIDATION_RULE', 'body must be {"rules": ["<namespace|*>=<request|response|both>/<report|strict|off>", …]}');
    try {
      service.rules.replace(rules.map(parseRule));
    } catch (e) {
      if (e instanceof ValidationRuleError) return fail(res, 400, e.code, e.message);
      throw e;
    }
    res.json(service.rules.list());
  });
  r.get('/violations', admin.requireReader, (_req, res) => void res.json({ counts: service.violationCounts(), recent: service.recentViolations() }));
  return r;
}
