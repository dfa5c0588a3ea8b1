import express, { type Express, type Request, type Response, type NextFunction, type Router } from 'express';
import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export interface AdminServer {
  app: Express;
  server: Server;
  /** mounts a router under a prefix, e.g. `/api/tak` */
  mount(prefix: string, router: Router): void;
  /** middleware: writes need the operator token (Authorization: Bearer …) */
  requireOperator: (req: Request, res: Response, next: NextFunction) => void;
  /** middleware: reads are open on loopback, otherwise need the operator token */
  requireReader: (req: Request, res: Response, next: NextFunction) => void;
  /** whether the request carries the operator token (header, or the console's sign-in cookie) */
  isOperator(req: Request): boolean;
}

/** The console's sign-in cookie (HttpOnly, SameSite=Strict) holding the operator token (issue 8). */
export const OPERATOR_COOKIE = 'ntjp_operator';

function cookieToken(req: Request): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== OPERATOR_COOKIE) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return '';
    }
  }
  return '';
}

function isLoopback(ip: string | undefined): boolean {
  return !!ip && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

function tokenMatches(req: Request, token: string): boolean {
  const h = req.headers.authorization ?? '';
  const given = h.startsWith('Bearer ') ? h.slice(7) : (req.headers['x-ntjp-operator-token'] as string | undefined) ?? cookieToken(req);
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The operator-facing HTTP server: REST API, status, metrics and the console share it (issue 8). */
export function createAdminServer(operatorToken: string): AdminServer {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '20mb' }));
  // Right after the parser, so a malformed body gets a JSON 400 naming the problem, not Express's HTML page.
  app.use((err: { type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err?.type !== 'entity.parse.failed' && err?.type !== 'entity.too.large') return next(err);
    res.status(err.type === 'entity.too.large' ? 413 : 400).json({ code: 'NTJP_ERR_BAD_BODY', message: `Malformed request body: ${err.message}` });
  });
  const server = createServer(app);
  const requireOperator = (req: Request, res: Response, next: NextFunction): void => {
    if (tokenMatches(req, operatorToken)) return next();
    res.status(401).json({ code: 'NTJP_ERR_UNAUTHORIZED', message: 'This operation needs the operator token (Authorization: Bearer <token>).' });
  };
  const requireReader = (req: Request, res: Response, next: NextFunction): void => {
    if (isLoopback(req.socket.remoteAddress) || tokenMatches(req, operatorToken)) return next();
    res.status(401).json({ code: 'NTJP_ERR_UNAUTHORIZED', message: 'Reads from outside loopback need the operator token.' });
  };
  return {
    app,
    server,
    mount: (prefix, router) => void app.use(prefix, router),
    requireOperator,
    requireReader,
    isOperator: (req) => tokenMatches(req, operatorToken),
  };
}
