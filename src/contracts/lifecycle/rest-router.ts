import express, { Router, type Request, type Response } from 'express';
import type { AdminServer } from '../../platform/admin-server.js';
import { LifecycleError, type LifecycleService } from './lifecycle-service.js';
import { CALLED_WITHIN_DAYS, DEADLINE_MONTHS, WARNING_MONTHS } from './report.js';

const STATUS_OF: Record<LifecycleError['code'], number> = {
  NTJP_ERR_LIFECYCLE_DATE: 400,
  NTJP_ERR_LIFECYCLE_CONTRACT: 400,
  NTJP_ERR_LIFECYCLE_SYSTEM: 404,
};

const userOf = (req: Request): string => req.get('x-ntjp-user') ?? (req.res?.locals.operatorHsaId as string | undefined) ?? 'operator';

function answer(res: Response, produce: () => unknown): void {
  try {
    res.json(produce());
  } catch (e) {
    if (!(e instanceof LifecycleError)) throw e;
    res.status(STATUS_OF[e.code]).json({ code: e.code, message: e.message });
  }
}

/** The rule's figures, sent with every report so a reader knows what the statuses mean. */
export const LIFECYCLE_RULE = { deadlineMonths: DEADLINE_MONTHS, warningMonths: WARNING_MONTHS, calledWithinDays: CALLED_WITHIN_DAYS } as const;

/**
 * REST under `/api/lifecycle`: the migration report (all systems, or `?system=<hsa-id>`), the contract
 * versions with their publication dates, and the operator's correction of a date.
 */
export function lifecycleRouter(service: LifecycleService, admin: Pick<AdminServer, 'requireOperator' | 'requireReader'>): Router {
  const r = Router();
  r.get('/', admin.requireReader, (req, res) => {
    const system = typeof req.query.system === 'string' && req.query.system !== '' ? req.query.system : undefined;
    answer(res, () => ({ today: service.today(), rule: LIFECYCLE_RULE, systems: system ? [service.system(system)] : service.report() }));
  });
  r.get('/contracts', admin.requireReader, (_req, res) => void res.json([...service.versions().values()].sort((a, b) => a.namespace.localeCompare(b.namespace))));
  r.put('/contracts/published', admin.requireOperator, express.json(), (req, res) => {
    const body = (req.body ?? {}) as { namespace?: unknown; published?: unknown };
    answer(res, () => service.correct(typeof body.namespace === 'string' ? body.namespace : '', body.published, userOf(req)));
  });
  return r;
}
