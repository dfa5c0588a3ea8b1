/**
 * REST API of the citizen simulator under /api/citizen (docs/services.md, "Citizen simulator: journal and
 * booking"): the same verbs as `ntjp citizen`, one table of routes; the inbox and certificate verbs are in
 * portal-router.ts.
 */
import type { Request, Response } from 'express';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { ApiRoute } from '../../platform/api/route.js';
import { json, refusal, textParams } from '../../platform/api/schemas.js';
import { CITIZEN_SCHEMAS } from './api-schemas.js';
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

/** A citizen verb on REST: where it is, what it takes (query or body) and answers, and what it does with the client. */
interface CitizenRoute {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: TObject;
  body?: TObject;
  answer: TSchema;
  handle: Handler;
}

const S = CITIZEN_SCHEMAS;

export const CITIZEN_ROUTES: CitizenRoute[] = [
  { method: 'get', path: '/:personId/journal', summary: "The person's journal from every source (through the aggregating service)", query: S.journalQuery, answer: S.journal, handle: (c, r) => c.journal(String(r.params.personId), journalNamespace(opt(r, 'contract'))) },
  { method: 'get', path: '/:personId/bookings', summary: "The person's bookings from every booking system", query: S.actorQuery, answer: S.bookings, handle: (c, r) => c.bookings(String(r.params.personId), opt(r, 'actor')) },
  { method: 'get', path: '/:personId/free-slots', summary: 'Free times at a care unit', query: S.freeSlotsQuery, answer: S.freeSlots, handle: (c, r) => c.freeSlots(str(r, 'careUnit'), String(r.params.personId), opt(r, 'from') ?? '20000101', opt(r, 'to') ?? '29991231') },
  {
    method: 'post',
    path: '/:personId/bookings',
    summary: 'Book a time (MakeBooking)',
    body: S.book,
    answer: S.booked,
    handle: (c, r) => c.book({ careUnit: str(r, 'careUnit'), start: str(r, 'start'), personId: String(r.params.personId), firstName: str(r, 'firstName'), lastName: str(r, 'lastName'), reason: opt(r, 'reason') }, opt(r, 'actor')),
  },
  { method: 'post', path: '/:personId/bookings/:bookingId/rebook', summary: 'Move a booking to another time', body: S.rebook, answer: S.result, handle: (c, r) => c.rebook(str(r, 'careUnit'), String(r.params.bookingId), str(r, 'start'), String(r.params.personId), opt(r, 'actor')) },
  { method: 'post', path: '/:personId/bookings/:bookingId/cancel', summary: 'Cancel a booking', body: S.cancel, answer: S.result, handle: (c, r) => c.cancel(str(r, 'careUnit'), String(r.params.bookingId), String(r.params.personId), opt(r, 'actor')) },
];

const INPUT_ERROR = 'NTJP_ERR_CITIZEN_INPUT';

export function citizenRoutes(client: CitizenClient): ApiRoute[] {
  return CITIZEN_ROUTES.map(({ answer, handle, ...route }) => ({
    ...route,
    access: 'reader',
    params: textParams(route.path),
    codes: { params: INPUT_ERROR, query: INPUT_ERROR, body: INPUT_ERROR },
    answers: { 200: json('the answer', answer), 400: refusal(INPUT_ERROR), 502: refusal('NTJP_ERR_CITIZEN_CALL: the call through the hub failed') },
    handle: (req: Request, res: Response) => {
      Promise.resolve().then(() => handle(client, req)).then(
        (body) => void res.json(body),
        (e: Error) => {
          if (e instanceof CitizenInputError) return void res.status(400).json({ code: INPUT_ERROR, message: e.message });
          if (e instanceof CitizenCallError) return void res.status(502).json({ code: e.code, message: e.message });
          res.status(500).json({ code: 'NTJP_ERR_CITIZEN', message: e.message });
        },
      );
    },
  }));
}
