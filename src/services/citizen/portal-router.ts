/**
 * REST routes of the inbox and certificate verbs under /api/citizen (mounted next to citizen-router.ts with
 * one line). Each route names the PORTAL_VERBS entry it runs and where its arguments come from.
 */
import { Router, type Request, type Response } from 'express';
import { DEMO_SYSTEMS, type DemoRole } from '../demo/systems.js';
import { PortalCallError, PortalUsageError, runPortalVerb, type PortalClient, type PortalEndpoints } from './portal-client.js';

type Args = (req: Request) => string[];
const p = (name: string) => (req: Request): string => String(req.params[name] ?? '');
const body = (name: string) => (req: Request): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};
const args = (...from: Array<(req: Request) => string>): Args => (req) => from.map((f) => f(req)).filter((v) => v !== '');

export const PORTAL_ROUTES: ReadonlyArray<{ method: 'get' | 'post'; path: string; verb: string; args: Args }> = [
  { method: 'get', path: '/:personId/inbox', verb: 'inbox', args: args(p('personId')) },
  { method: 'get', path: '/:personId/inbox/unread', verb: 'unread', args: args(p('personId')) },
  { method: 'get', path: '/:personId/inbox/:messageId', verb: 'read', args: args(p('personId'), p('messageId')) },
  { method: 'post', path: '/:personId/inbox/:messageId/reply', verb: 'reply', args: args(p('personId'), p('messageId'), body('text')) },
  { method: 'post', path: '/:personId/certificates', verb: 'send-certificate', args: args(p('personId'), body('receiver')) },
  { method: 'get', path: '/:personId/certificates', verb: 'certificates', args: args(p('personId')) },
  { method: 'get', path: '/certificates/:certificateId', verb: 'certificate-status', args: args(p('certificateId')) },
  { method: 'post', path: '/certificates/:certificateId/revoke', verb: 'revoke-certificate', args: args(p('certificateId')) },
];

export function portalRouter(client: PortalClient): Router {
  const router = Router();
  for (const route of PORTAL_ROUTES) {
    router[route.method](route.path, (req: Request, res: Response) => {
      runPortalVerb(client, route.verb, route.args(req)).then(
        (out) => void res.json(out),
        (e: Error) => {
          if (e instanceof PortalCallError) return void res.status(e.status).json(e.body);
          if (e instanceof PortalUsageError) return void res.status(400).json({ code: 'NTJP_ERR_CITIZEN_INPUT', message: e.message });
          res.status(502).json({ code: 'NTJP_ERR_CITIZEN_CALL', message: e.message });
        },
      );
    });
  }
  return router;
}

/** Where the portal verbs go, from the started systems' URLs (by demo system name) and the demo table's roles. */
export function portalEndpoints(urlOf: (name: string) => string | undefined): PortalEndpoints {
  const byRole = (role: DemoRole): string => {
    const row = DEMO_SYSTEMS.find((s) => s.role === role);
    return (row && urlOf(row.name)) ?? '';
  };
  return { inboxUrl: byRole('inbox'), minaIntygUrl: byRole('certificate-sender') };
}
