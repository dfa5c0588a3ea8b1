import express, { type Express, type Request, type Response, type NextFunction, type Router } from 'express';
import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import { certificateHsaId } from '../pki/index.js';

export interface AdminServer {
  app: Express;
  server: Server;
  /** mounts a router under a prefix, e.g. `/api/tak` */
  mount(prefix: string, router: Router): void;
  /**
   * middleware: writes need the operator token (Authorization: Bearer …) or, on the HTTPS listener, an
   * operator client certificate; its HSA-id is put in `res.locals.operatorHsaId`
   */
  requireOperator: (req: Request, res: Response, next: NextFunction) => void;
  /** middleware: reads are open on loopback, otherwise need an operator credential */
  requireReader: (req: Request, res: Response, next: NextFunction) => void;
  /** whether the request carries an operator credential (token, the console's sign-in cookie, or certificate) */
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

/** A refused credential: 401 when none counts, 403 when a trusted certificate is not an operator's. */
interface Refusal {
  status: 401 | 403;
  code: 'NTJP_ERR_UNAUTHORIZED' | 'NTJP_ERR_FORBIDDEN';
  message: string;
}

type Credential = { operatorHsaId?: string } | Refusal;

const NO_CREDENTIAL: Refusal = {
  status: 401,
  code: 'NTJP_ERR_UNAUTHORIZED',
  message: 'This operation needs the operator token (Authorization: Bearer <token>) or an operator client certificate on the HTTPS listener.',
};

/**
 * The TLS listener asks for a certificate without requiring one (token users keep working), so
 * `authorized` is what says the presented chain reached a trusted CA (issue 3 §4).
 */
function certificateCredential(req: Request, operatorHsaIds: ReadonlySet<string>): Credential {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket)) return NO_CREDENTIAL;
  const cert = socket.getPeerX509Certificate();
  if (!cert) return NO_CREDENTIAL;
  if (!socket.authorized) return { ...NO_CREDENTIAL, message: `The client certificate does not chain to a trusted CA (${String(socket.authorizationError)}).` };
  const hsaId = certificateHsaId(cert);
  if (hsaId && operatorHsaIds.has(hsaId.toUpperCase())) return { operatorHsaId: hsaId };
  return { status: 403, code: 'NTJP_ERR_FORBIDDEN', message: `The client certificate's HSA-id ${hsaId ?? '(none in the subject serialNumber)'} is not an operator (platform.operatorHsaIds).` };
}

/** The operator-facing server: REST API, status, metrics and the console share it (issue 8), on HTTP and HTTPS. */
export function createAdminServer(operatorToken: string, operatorHsaIds: readonly string[] = []): AdminServer {
  const operators = new Set(operatorHsaIds.map((h) => h.toUpperCase()));
  const credential = (req: Request): Credential => (tokenMatches(req, operatorToken) ? {} : certificateCredential(req, operators));
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
    const c = credential(req);
    if ('status' in c) return void res.status(c.status).json({ code: c.code, message: c.message });
    if (c.operatorHsaId) res.locals.operatorHsaId = c.operatorHsaId;
    next();
  };
  const requireReader = (req: Request, res: Response, next: NextFunction): void => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    const c = credential(req);
    if ('status' in c) return void res.status(c.status).json({ code: c.code, message: c.status === 401 ? `Reads from outside loopback need an operator credential. ${c.message}` : c.message });
    next();
  };
  return {
    app,
    server,
    mount: (prefix, router) => void app.use(prefix, router),
    requireOperator,
    requireReader,
    isOperator: (req) => !('status' in credential(req)),
  };
}
