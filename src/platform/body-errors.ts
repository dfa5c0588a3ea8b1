/**
 * How the admin server reads request bodies: the size limit, and the JSON answer to a body that is too large
 * or not JSON, for the server's own JSON parser and for routes that read their body raw.
 */
import type { NextFunction, Request, Response } from 'express';

export const BODY_LIMIT = '20mb';

export const BAD_BODY = 'NTJP_ERR_BAD_BODY';

export const badBodyMessage = (why: string): string => `Malformed request body: ${why}`;

/** A path as Express matches it (case-insensitive, a trailing slash ignored). */
export const routePath = (path: string): string => path.replace(/(.)\/+$/, '$1').toLowerCase();

/** Answers the parser's errors as JSON, not Express's HTML page. */
export function bodyErrors(err: { type?: string; message?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (err?.type !== 'entity.parse.failed' && err?.type !== 'entity.too.large') return next(err);
  res.status(err.type === 'entity.too.large' ? 413 : 400).json({ code: BAD_BODY, message: badBodyMessage(err.message ?? '') });
}
