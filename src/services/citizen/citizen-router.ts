/**
 * REST API of the citizen simulator under /api/citizen (docs/services.md, "Citizen simulator: journal and
 * booking"): the same verbs as `ntjp citizen`, one table of routes. services-B adds the inbox and
 * certificate verbs with one line each.
 */
import { Router, type Request, type Response } from 'express';
import type { CitizenClient } from './citizen-client.js';
import { CitizenCallError } from './citizen-client.js';
import { journalNamespace } from './citizen-verbs.js';

type Handler = (client: CitizenClient, req: Request) => Promise<unknown>;

const str = (req: Request, name: string): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  if (typeof v !== 'string' || v === '') throw new CitizenInputError(`${name} is required`);
  return v;
};
const opt = (req: Request, name: string): string | undefined => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name] ?? req.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

class CitizenInputError extends Error {}

export const CITIZEN_ROUTES: Array<{ method: 'get' | 'post'; path: string; handle: Handler }> = [
  { method: 'get', path: '/:personId/journal', handle: (c, r) => c.journal(String(r.params.personId), journalNamespace(opt(r, 'contract'))) },
  { method: 'get', path: '/:personId/bookings', handle: (c, r) => c.bookings(String(r.params.personId), opt(r, 'actor')) },
  { method: 'get', path: '/:personId/free-slots', handle: (c, r) => c.freeSlots(str(r, 'careUnit'), String(r.params.personId), opt(r, 'from') ?? '20000101', opt(r, 'to') ?? '29991231') },
  {
    method: 'post',
    path: '/:personId/bookings',
    handle: (c, r) => c.book({ careUnit: str(r, 'careUnit'), start: str(r, 'start'), personId: String(r.params.personId), firstName: str(r, 'firstName'), lastName: str(r, 'lastName'), reason: opt(r, 'reason') }, opt(r, 'actor')),
  },
  { method: 'post', path: '/:personId/bookings/:bookingId/rebook', handle: (c, r) => c.rebook(str(r, 'careUnit'), String(r.params.bookingId), str(r, 'start'), String(r.params.personId), opt(r, 'actor')) },
  { method: 'post', path: '/:personId/bookings/:bookingId/cancel', handle: (c, r) => c.cancel(str(r, 'careUnit'), String(r.params.bookingId), String(r.params.personId), opt(r, 'actor')) },
];

export function citizenRouter(client: CitizenClient, extra: typeof CITIZEN_ROUTES = []): Router {
  const router = Router();
  for (const route of [...CITIZEN_ROUTES, ...extra]) {
    router[route.method](route.path, (req: Request, res: Response) => {
      Promise.resolve().then(() => route.handle(client, req)).then(
        (body) => void res.json(body),
        (e: Error) => {
          if (e instanceof CitizenInputError) return void res.status(400).json({ code: 'NTJP_ERR_CITIZEN_INPUT', message: e.message });
          if (e instanceof CitizenCallError) return void res.status(502).json({ code: e.code, message: e.message });
          res.status(500).json({ code: 'NTJP_ERR_CITIZEN', message: e.message });
        },
      );
    });
  }
  return router;
}
