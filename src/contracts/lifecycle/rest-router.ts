import type { Request, Response } from 'express';
import { Type } from '@sinclair/typebox';
import type { ApiRoute } from '../../platform/api/route.js';
import { json, refusal } from '../../platform/api/schemas.js';
import { ContractVersion, Correction, LifecycleReport } from './api-schemas.js';
import { LifecycleError, type LifecycleService } from './lifecycle-service.js';
import { CALLED_WITHIN_DAYS, DEADLINE_MONTHS, WARNING_MONTHS } from './report.js';

const STATUS_OF: Record<LifecycleError['code'], number> = {
  NTJP_ERR_LIFECYCLE_DATE: 400,
  NTJP_ERR_LIFECYCLE_CONTRACT: 400,
  NTJP_ERR_LIFECYCLE_SYSTEM: 404,
};

const userOf = (req: Request): string => req.get('x-ntjp-user') ?? (req.res?.locals.operatorHsaId as string | undefined) ?? 'operator';

async function answer(res: Response, produce: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await produce());
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
export function lifecycleRoutes(service: LifecycleService): ApiRoute[] {
  return [
    {
      method: 'get', path: '/', summary: 'Contract migration report per system (publication + 18 months), most urgent first', access: 'reader',
      query: Type.Object({ system: Type.Optional(Type.String({ description: 'one system (HSA-id)' })) }),
      answers: { 200: json('the report', LifecycleReport), 404: refusal('NTJP_ERR_LIFECYCLE_SYSTEM: not in the catalogue') },
      handle: async (req, res) => {
        const system = typeof req.query.system === 'string' && req.query.system !== '' ? req.query.system : undefined;
        await answer(res, async () => ({ today: service.today(), rule: LIFECYCLE_RULE, systems: system ? [await service.system(system)] : await service.report() }));
      },
    },
    {
      method: 'get', path: '/contracts', summary: 'Every known contract version with its domain release and publication date', access: 'reader',
      answers: { 200: json('versions', Type.Array(ContractVersion)) },
      handle: async (_req, res) => void res.json([...(await service.versions()).values()].sort((a, b) => a.namespace.localeCompare(b.namespace))),
    },
    {
      method: 'put', path: '/contracts/published', summary: "Correct a contract major's publication date (wins over every other source)", access: 'operator',
      body: Correction,
      answers: { 200: json('the corrected version', ContractVersion), 400: refusal('NTJP_ERR_LIFECYCLE_DATE or NTJP_ERR_LIFECYCLE_CONTRACT') },
      handle: async (req, res) => {
        const body = req.body as { namespace: string; published: string };
        await answer(res, () => service.correct(body.namespace, body.published, userOf(req)));
      },
    },
  ];
}
