import { Router, type Request, type Response } from 'express';
import type { AdminServer } from '../platform/admin-server.js';
import { FIND_FIELDS } from './fields.js';
import type { FindQuery } from './engagement-store.js';
import type { EiApi } from './api.js';

type ErrorCode = 'EI_ERR_QUERY' | 'EI_ERR_BODY';

function refuse(res: Response, code: ErrorCode, message: string): void {
  res.status(400).json({ code, message });
}

/** REST under /api/ei: reads open to readers, writes (dead-letter redelivery, write lock) need the operator. */
export function eiRouter(api: EiApi, admin: Pick<AdminServer, 'requireReader' | 'requireOperator'>): Router {
  const r = Router();
  r.get('/engagements', admin.requireReader, (req: Request, res: Response) => {
    const query: Record<string, string> = {};
    for (const f of FIND_FIELDS) if (typeof req.query[f] === 'string' && req.query[f] !== '') query[f] = req.query[f] as string;
    if (!query.registeredResidentIdentification || !query.serviceDomain) return refuse(res, 'EI_ERR_QUERY', 'registeredResidentIdentification and serviceDomain are mandatory.');
    res.json(api.find(query as FindQuery));
  });
  r.get('/stats', admin.requireReader, (_req, res) => void res.json(api.stats()));
  r.get('/dead-letters', admin.requireReader, (_req, res) => void res.json(api.deadLetters()));
  r.post('/dead-letters/redeliver', admin.requireOperator, (req: Request, res: Response) => {
    const ids: unknown = (req.body as { ids?: unknown } | undefined)?.ids;
    if (ids !== undefined && !(Array.isArray(ids) && ids.every((i) => Number.isInteger(i)))) return refuse(res, 'EI_ERR_BODY', 'ids must be a list of integers (or absent for all).');
    res.json({ redelivered: api.redeliver((ids as number[] | undefined) ?? 'all') });
  });
  r.get('/write-lock', admin.requireReader, (_req, res) => void res.json(api.writeLockStatus()));
  r.put('/write-lock', admin.requireOperator, (req: Request, res: Response) => {
    const on: unknown = (req.body as { writeLock?: unknown } | undefined)?.writeLock;
    if (typeof on !== 'boolean') return refuse(res, 'EI_ERR_BODY', 'Body must be {"writeLock": true|false}.');
    res.json(api.setWriteLock(on));
  });
  return r;
}
