/**
 * REST routes of the inbox and certificate verbs under /api/citizen (mounted next to citizen-router.ts with
 * one line). Each route names the PORTAL_VERBS entry it runs and where its arguments come from.
 */
import type { Request, Response } from 'express';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { ApiRoute } from '../../platform/api/route.js';
import { ErrorAnswer, json, refusal, textParams } from '../../platform/api/schemas.js';
import { PORTAL_SCHEMAS } from './api-schemas.js';
import { DEMO_SYSTEMS, type DemoRole } from '../demo/systems.js';
import { PORTAL_VERBS, PortalCallError, PortalUsageError, runPortalVerb, type PortalClient, type PortalEndpoints } from './portal-client.js';

type Args = (req: Request) => string[];
const p = (name: string) => (req: Request): string => String(req.params[name] ?? '');
const body = (name: string) => (req: Request): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};
const args = (...from: Array<(req: Request) => string>): Args => (req) => from.map((f) => f(req)).filter((v) => v !== '');

const S = PORTAL_SCHEMAS;

export const PORTAL_ROUTES: ReadonlyArray<{ method: 'get' | 'post'; path: string; verb: string; args: Args; body?: TObject; answer: TSchema }> = [
  { method: 'get', path: '/:personId/inbox', verb: 'inbox', args: args(p('personId')), answer: S.inbox },
  { method: 'get', path: '/:personId/inbox/unread', verb: 'unread', args: args(p('personId')), answer: S.unread },
  { method: 'get', path: '/:personId/inbox/:messageId', verb: 'read', args: args(p('personId'), p('messageId')), answer: S.message },
  { method: 'post', path: '/:personId/inbox/:messageId/reply', verb: 'reply', args: args(p('personId'), p('messageId'), body('text')), body: S.reply, answer: S.message },
  { method: 'post', path: '/:personId/certificates', verb: 'send-certificate', args: args(p('personId'), body('receiver')), body: S.send, answer: S.certificate },
  { method: 'get', path: '/:personId/certificates', verb: 'certificates', args: args(p('personId')), answer: S.certificates },
  { method: 'get', path: '/certificates/:certificateId', verb: 'certificate-status', args: args(p('certificateId')), answer: S.certificate },
  { method: 'post', path: '/certificates/:certificateId/revoke', verb: 'revoke-certificate', args: args(p('certificateId')), answer: S.certificate },
];

const INPUT_ERROR = 'NTJP_ERR_CITIZEN_INPUT';

/** The inbox's and Mina intyg's refusals are relayed with their status and body. */
const relayed = { description: "the inbox's or Mina intyg's refusal, relayed", schema: ErrorAnswer };

export function portalRoutes(client: PortalClient): ApiRoute[] {
  return PORTAL_ROUTES.map((route) => ({
    method: route.method,
    path: route.path,
    summary: PORTAL_VERBS.find((v) => v.name === route.verb)?.summary ?? route.verb,
    access: 'reader',
    params: textParams(route.path),
    ...(route.body ? { body: route.body } : {}),
    codes: { params: INPUT_ERROR, query: INPUT_ERROR, body: INPUT_ERROR },
    answers: { 200: json('the answer', route.answer), 400: relayed, 404: relayed, 409: relayed, 502: refusal('NTJP_ERR_CITIZEN_CALL: the inbox or Mina intyg did not answer') },
    handle: (req: Request, res: Response) => {
      runPortalVerb(client, route.verb, route.args(req)).then(
        (out) => void res.json(out),
        (e: Error) => {
          if (e instanceof PortalCallError) return void res.status(e.status).json(e.body);
          if (e instanceof PortalUsageError) return void res.status(400).json({ code: INPUT_ERROR, message: e.message });
          res.status(502).json({ code: 'NTJP_ERR_CITIZEN_CALL', message: e.message });
        },
      );
    },
  }));
}

/** Where the portal verbs go, from the started systems' URLs (by demo system name) and the demo table's roles. */
export function portalEndpoints(urlOf: (name: string) => string | undefined): PortalEndpoints {
  const byRole = (role: DemoRole): string => {
    const row = DEMO_SYSTEMS.find((s) => s.role === role);
    return (row && urlOf(row.name)) ?? '';
  };
  return { inboxUrl: byRole('inbox'), minaIntygUrl: byRole('certificate-sender') };
}
