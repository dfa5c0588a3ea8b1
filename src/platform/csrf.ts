/**
 * Cross-site request forgery guard of the admin server (docs/console.md). The sign-in cookie is sent by the
 * browser whatever page asks, and SameSite does not separate ports of one host, so a state-changing request
 * must come from the admin server's own origin and, when the cookie is its credential, carry the token of
 * its console session. Bearer tokens and client certificates are never sent by a page on its own, so
 * requests signed in that way need no token.
 */
import type { IncomingMessage } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import type { Request, Response } from 'express';
import { sameSecret } from '../shared/same-secret.js';
import { cookieValue } from './cookies.js';

/** The hidden field of every console form that carries the session's token. */
export const CSRF_FIELD = '_csrf';
/** The header a script sends the token in (the console pages hold it in `<meta name="ntjp-csrf-token">`). */
export const CSRF_HEADER = 'x-ntjp-csrf-token';
/** A random value set at sign-in; the session's token is derived from it with a key the page never sees. */
export const SESSION_COOKIE = 'ntjp_session';
export const CSRF_ERROR_CODE = 'NTJP_ERR_CSRF';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` of a request from the server's own pages, or typed in by the user ('none'). */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);
const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/' } as const;

export function changesState(req: IncomingMessage): boolean {
  return !SAFE_METHODS.has(req.method ?? 'GET');
}

/** Why a request sent by a page of another origin (another port of the same host too) is refused, else undefined. */
export function crossOriginRefusal(req: IncomingMessage): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && !OWN_FETCH_SITES.has(site)) {
    return `Refused: the browser sent this request from a page of another origin (Sec-Fetch-Site: ${site}); only the console's own pages may change the platform.`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  const own = `${req.socket instanceof TLSSocket ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  if (origin.toLowerCase() === own.toLowerCase()) return undefined;
  return `Refused: this request comes from a page of another origin (Origin: ${origin}), not from ${own}; only the console's own pages may change the platform.`;
}

/** Per-session tokens: HMAC of the session cookie under a key made at start (a restart asks pages to reload). */
export class CsrfTokens {
  readonly #key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  /** The token of the request's console session, '' when it has none. */
  tokenOf(req: IncomingMessage): string {
    const session = cookieValue(req, SESSION_COOKIE);
    return session ? createHmac('sha256', this.#key).update(session).digest('base64url') : '';
  }

  startSession(res: Response): void {
    res.cookie(SESSION_COOKIE, randomBytes(18).toString('base64url'), COOKIE_OPTIONS);
  }

  endSession(res: Response): void {
    res.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  }

  /** Why a request signed in by the cookie is refused (its token is missing or not its session's), else undefined. */
  tokenRefusal(req: Request): string | undefined {
    const expected = this.tokenOf(req);
    if (!expected) return 'Refused: this sign-in has no console session to check a CSRF token against; sign in again.';
    const header = req.headers[CSRF_HEADER];
    const field = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const given = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
    if (sameSecret(given, expected)) return undefined;
    return `Refused: the request lacks this console session's CSRF token (form field ${CSRF_FIELD} or header ${CSRF_HEADER}); reload the page and try again.`;
  }
}
