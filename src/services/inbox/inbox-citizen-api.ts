import express, { type Request, type Response, type Router } from 'express';
import { allowCallers } from '../client-certificate.js';
import { InboxError } from './inbox-errors.js';
import type { InboxStore } from './inbox-store.js';
import { SUBJECT_OF_CARE_ID } from './inbox-contracts.js';

function fail(res: Response, e: unknown): void {
  if (e instanceof InboxError) res.status(e.status).json({ code: e.code, message: e.message });
  else res.status(500).json({ code: 'INBOX_ERR_INTERNAL', message: (e as Error).message });
}

/**
 * The portal side of the inbox: what 1177 e-tjänster shows the signed-in citizen. In the real service the
 * inbox is part of the portal, so this is not an NTjP contract; only the portal's own front end (the
 * systems in `readers`, identified by their client certificate) may call it.
 */
export function inboxCitizenApi(store: InboxStore, readers: readonly string[]): Router {
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));
  api.use(allowCallers(readers, 'INBOX_ERR_FORBIDDEN', 'read inboxes'));
  api.param('personId', (_req, res, next, id: string) => {
    if (SUBJECT_OF_CARE_ID.test(id)) return next();
    res.status(400).json({ code: 'INBOX_ERR_INVALID', message: `Invalid request: '${id}' is not a 12-character personnummer or samordningsnummer` });
  });
  const run = (fn: (req: Request) => { status?: number; body: unknown }) => (req: Request, res: Response) => {
    try {
      const out = fn(req);
      res.status(out.status ?? 200).json(out.body);
    } catch (e) {
      fail(res, e);
    }
  };
  api.get('/citizens/:personId/messages', run((req) => ({ body: store.inbox(req.params.personId as string) })));
  api.get('/citizens/:personId/unread-count', run((req) => ({ body: { unreadCount: store.inbox(req.params.personId as string).unreadCount } })));
  api.get('/citizens/:personId/messages/:messageId', run((req) => ({ body: store.read(req.params.personId as string, req.params.messageId as string) })));
  api.post(
    '/citizens/:personId/messages/:messageId/replies',
    run((req) => {
      const text = (req.body as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string') throw new InboxError('INBOX_ERR_INVALID', 'body must be JSON {"text": "..."}');
      return { status: 201, body: store.reply(req.params.personId as string, req.params.messageId as string, text) };
    }),
  );
  return api;
}
