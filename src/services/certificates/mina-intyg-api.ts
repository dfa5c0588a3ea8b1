import express, { type Request, type Response, type Router } from 'express';
import { allowCallers } from '../client-certificate.js';
import { TEST_PERSONS, isValidPersonId, type TestPerson } from '../test-persons.js';
import type { CertificateSender } from './sender.js';
import type { SenderStore } from './sender-store.js';

const bad = (res: Response, message: string): void => void res.status(400).json({ code: 'MINAINTYG_ERR_INVALID', message });

/** The citizen's side of Mina intyg: send a certificate to a receiver, list, follow the status, revoke. */
export function minaIntygApi(sender: CertificateSender, store: SenderStore, receivers: readonly string[], readers: readonly string[]): Router {
  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));
  api.use(allowCallers(readers, 'MINAINTYG_ERR_FORBIDDEN', 'use Mina intyg'));
  const person = (id: unknown): TestPerson | undefined =>
    typeof id === 'string' && isValidPersonId(id) ? (TEST_PERSONS.find((p) => p.personId === id) ?? { personId: id, firstName: 'Test', lastName: 'Testsson' }) : undefined;
  api.post('/certificates', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { personId?: unknown; receiver?: unknown };
    const p = person(body.personId);
    if (!p) return bad(res, `personId must be a valid 12-digit personnummer, got ${JSON.stringify(body.personId)}`);
    if (typeof body.receiver !== 'string' || !receivers.includes(body.receiver)) return bad(res, `receiver must be one of ${receivers.join(', ')}, got ${JSON.stringify(body.receiver)}`);
    res.status(201).json(await sender.send(p, body.receiver));
  });
  api.get('/certificates', (req: Request, res: Response) => {
    const p = person(req.query.personId);
    if (!p) return bad(res, 'query personId must be a valid 12-digit personnummer');
    res.json({ certificates: store.listFor(p.personId) });
  });
  api.get('/certificates/:id', (req: Request, res: Response) => {
    const sent = store.get(req.params.id as string);
    if (!sent) return void res.status(404).json({ code: 'MINAINTYG_ERR_NOT_FOUND', message: `No sent certificate ${req.params.id as string}` });
    res.json(sent);
  });
  api.post('/certificates/:id/revoke', async (req: Request, res: Response) => {
    const message = (req.body as { message?: unknown } | undefined)?.message;
    const sent = await sender.revoke(req.params.id as string, typeof message === 'string' ? message : undefined);
    if (!sent) return void res.status(404).json({ code: 'MINAINTYG_ERR_NOT_FOUND', message: `No sent certificate ${req.params.id as string}` });
    res.json(sent);
  });
  return api;
}
