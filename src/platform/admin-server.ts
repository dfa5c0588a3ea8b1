import express, { type Express, type Request, type Response, type NextFunction, type Router } from 'express';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';
import { certificateHsaId } from '../pki/index.js';
import { sameSecret } from '../shared/same-secret.js';
import { boundedText } from '../shared/bounded-text.js';
import { silentLogger, type Logger } from '../shared/log.js';
import { cookieValue } from './cookies.js';
import { changesState, crossOriginRefusal, CsrfTokens, CSRF_ERROR_CODE } from './csrf.js';
import { BODY_LIMIT, bodyErrors, routePath } from './body-errors.js';

export interface AdminServer {
  app: Express;
  server: Server;
  /** the app with the platform's last word: JSON 404 and JSON errors without stack traces (the HTTPS listener uses it too) */
  handler: RequestListener;
  /** mounts a router under a prefix, e.g. `/api/tak` */
  mount(prefix: string, router: Router): void;
  /**
   * middleware: writes need the operator token (Authorization: Bearer …) or, on the HTTPS listener, an
   * operator client certificate; its HSA-id is put in `res.locals.operatorHsaId`. A write that `csrfRefusal`
   * refuses gets 403 `NTJP_ERR_CSRF`.
   */
  requireOperator: (req: Request, res: Response, next: NextFunction) => void;
  /** middleware: reads are open on loopback, otherwise need an operator credential; writes as `csrfRefusal` allows */
  requireReader: (req: Request, res: Response, next: NextFunction) => void;
  /** whether the request carries an operator credential (token, the console's sign-in cookie, or certificate) */
  isOperator(req: Request): boolean;
  /** the console sessions' CSRF tokens (sign-in starts a session, pages put its token in their forms) */
  csrf: CsrfTokens;
  /**
   * why a state-changing request is refused as cross-site request forgery: sent from another origin, or signed
   * in by the cookie without its session's token; undefined when it may go on (and for every read)
   */
  csrfRefusal(req: Request): string | undefined;
  /** paths (lower case, no trailing slash) whose route reads its JSON body as raw bytes: the JSON parser leaves them */
  rawJsonPaths: Set<string>;
}

/** The console's sign-in cookie (HttpOnly, SameSite=Strict) holding the operator token (docs/console.md, "Sign-in"). */
export const OPERATOR_COOKIE = 'ntjp_operator';

function isLoopback(ip: string | undefined): boolean {
  return !!ip && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));
}

/** The operator token a request presents, and whether it came in the sign-in cookie (which a browser sends by itself). */
function presentedToken(req: Request): { given: string; viaCookie: boolean } {
  const h = req.headers.authorization ?? '';
  if (h.startsWith('Bearer ')) return { given: h.slice(7), viaCookie: false };
  const header = req.headers['x-ntjp-operator-token'] as string | undefined;
  return header !== undefined ? { given: header, viaCookie: false } : { given: cookieValue(req, OPERATOR_COOKIE), viaCookie: true };
}

/** A refused credential: 401 when none counts, 403 when a trusted certificate is not an operator's. */
interface Refusal {
  status: 401 | 403;
  code: 'NTJP_ERR_UNAUTHORIZED' | 'NTJP_ERR_FORBIDDEN';
  message: string;
}

type Credential = { operatorHsaId?: string; viaCookie?: boolean } | Refusal;

const NO_CREDENTIAL: Refusal = {
  status: 401,
  code: 'NTJP_ERR_UNAUTHORIZED',
  message: 'This operation needs the operator token (Authorization: Bearer <token>) or an operator client certificate on the HTTPS listener.',
};

/**
 * The TLS listener asks for a certificate without requiring one (token users keep working), so
 * `authorized` is what says the presented chain reached a trusted CA.
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

/** Longest request path an error message repeats. */
const PATH_MAX_CHARS = 256;

/** An error raised by Express or a body parser (http-errors): a 4xx status whose message may be shown. */
interface HttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/**
 * What the admin server answers when nothing else did: a 404, or the error a route passed on. JSON
 * `{code, message}` whatever the path (the console renders its own pages before this); a 5xx never shows
 * its cause, which goes to the log with the stack.
 */
function lastWord(log: Logger): (err: unknown, req: IncomingMessage, res: ServerResponse) => void {
  return (err, req, res) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const e = (err ?? {}) as HttpError;
    const given = e.status ?? e.statusCode;
    const status = err === undefined ? 404 : given && given >= 400 && given < 500 ? given : 500;
    const path = boundedText((req.url ?? '').split('?')[0]!, PATH_MAX_CHARS);
    let body: { code: string; message: string };
    if (err === undefined) body = { code: 'NTJP_ERR_NOT_FOUND', message: `Nothing at ${req.method} ${path}.` };
    else if (status < 500) body = { code: status === 404 ? 'NTJP_ERR_NOT_FOUND' : 'NTJP_ERR_BAD_REQUEST', message: e.expose === false || !e.message ? `The request to ${path} was refused.` : e.message };
    else {
      log.error('admin request failed', { 'http.request.method': req.method, 'url.path': path, error: (err as Error)?.stack ?? String(err) });
      body = { code: 'NTJP_ERR_INTERNAL', message: `The request to ${path} failed inside the platform; its log has the cause.` };
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
}

/** The operator-facing server: REST API, status, metrics and the console share it, on HTTP and HTTPS. */
export function createAdminServer(operatorToken: string, operatorHsaIds: readonly string[] = [], log: Logger = silentLogger): AdminServer {
  const operators = new Set(operatorHsaIds.map((h) => h.toUpperCase()));
  const credential = (req: Request): Credential => {
    const { given, viaCookie } = presentedToken(req);
    return sameSecret(given, operatorToken) ? { viaCookie } : certificateCredential(req, operators);
  };
  const csrf = new CsrfTokens();
  const csrfRefusal = (req: Request): string | undefined => {
    if (!changesState(req)) return undefined;
    const c = credential(req);
    return crossOriginRefusal(req) ?? ('viaCookie' in c && c.viaCookie ? csrf.tokenRefusal(req) : undefined);
  };
  const refuseForgery = (req: Request, res: Response): boolean => {
    const why = csrfRefusal(req);
    if (why) res.status(403).json({ code: CSRF_ERROR_CODE, message: why });
    return why !== undefined;
  };
  const app = express();
  app.disable('x-powered-by');
  const rawJsonPaths = new Set<string>();
  const parseJson = express.json({ limit: BODY_LIMIT });
  app.use((req, res, next) => (rawJsonPaths.has(routePath(req.path)) ? next() : parseJson(req, res, next)));
  // Right after the parser, so a malformed body gets a JSON 400 naming the problem, not Express's HTML page.
  app.use(bodyErrors);
  const finish = lastWord(log);
  // Express calls the third argument instead of its own final handler (an HTML page with the stack).
  const run = app as unknown as (req: IncomingMessage, res: ServerResponse, done: (err?: unknown) => void) => void;
  const handler: RequestListener = (req, res) => run(req, res, (err) => finish(err, req, res));
  const server = createServer(handler);
  const requireOperator = (req: Request, res: Response, next: NextFunction): void => {
    const c = credential(req);
    if ('status' in c) return void res.status(c.status).json({ code: c.code, message: c.message });
    if (refuseForgery(req, res)) return;
    if (c.operatorHsaId) res.locals.operatorHsaId = c.operatorHsaId;
    next();
  };
  const requireReader = (req: Request, res: Response, next: NextFunction): void => {
    if (refuseForgery(req, res)) return;
    if (isLoopback(req.socket.remoteAddress)) return next();
    const c = credential(req);
    if ('status' in c) return void res.status(c.status).json({ code: c.code, message: c.status === 401 ? `Reads from outside loopback need an operator credential. ${c.message}` : c.message });
    next();
  };
  return {
    app,
    server,
    handler,
    mount: (prefix, router) => void app.use(prefix, router),
    requireOperator,
    requireReader,
    isOperator: (req) => !('status' in credential(req)),
    csrf,
    csrfRefusal,
    rawJsonPaths,
  };
}
