import type { Request, Response, NextFunction } from 'express';
import { TLSSocket } from 'node:tls';
import { certificateHsaId } from '../pki/index.js';

/** HSA-id (subject serialNumber) in the client certificate of an HTTPS request, or undefined. */
export function callerHsaId(req: Request): string | undefined {
  const cert = req.socket instanceof TLSSocket ? req.socket.getPeerX509Certificate() : undefined;
  return cert ? certificateHsaId(cert) : undefined;
}

/** Middleware: only the listed systems (by client certificate) may call this JSON API; others get 403 with `code`. */
export function allowCallers(allowed: readonly string[], code: string, what: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const caller = callerHsaId(req);
    if (caller && allowed.includes(caller)) return next();
    res.status(403).json({ code, message: `Only ${allowed.join(', ')} may ${what}; caller ${caller ?? 'without certificate'}` });
  };
}
