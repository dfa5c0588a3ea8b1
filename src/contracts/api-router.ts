import express, { Router, type Request, type Response } from 'express';
import type { AdminServer } from '../platform/admin-server.js';
import type { ContractsService } from './contracts-service.js';
import { ContractImportError } from './import-error.js';
import { parseRule, ValidationRuleError } from './validation-rules.js';

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/**
 * REST under `/api/contracts`: the known contracts, an import of a server-side folder or zip, the validation
 * rules and the violations seen. Reads are open on loopback; writes need the operator token.
 */
export function contractsRouter(service: ContractsService, admin: Pick<AdminServer, 'requireOperator' | 'requireReader'>): Router {
  const r = Router();
  r.get('/', admin.requireReader, (_req, res) => void res.json(service.list()));
  r.post('/import', admin.requireOperator, express.json(), async (req: Request, res: Response) => {
    const source = (req.body as { path?: unknown } | undefined)?.path;
    if (typeof source !== 'string' || source === '') return fail(res, 400, 'NTJP_ERR_CONTRACT_IMPORT', 'body must be {"path": "<folder or zip on the platform host>"}');
    try {
      res.json(await service.importReleases(source));
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
