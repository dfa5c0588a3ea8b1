/**
 * Checks a request against its route's schemas before the handler runs. Path and query values arrive as
 * text, so they are converted to the declared types (on a copy) before the check. The first mismatch answers
 * 400 `{code, message}`, the message naming the field: `careUnit is required`, `limit: Expected integer`.
 */
import type { Request, RequestHandler } from 'express';
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { REQUEST_PARTS, type ApiRoute, type BadRequestCodes, type RequestPart } from './route.js';

/** `/ids/0` → `ids[0]`; the request part itself when the whole value is wrong. */
function fieldName(part: RequestPart, path: string): string {
  const steps = path.split('/').slice(1);
  if (steps.length === 0) return part;
  return steps.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The first mismatch of `value` against `schema`, as a message naming the field; undefined when it matches. */
export function mismatch(schema: TSchema, part: RequestPart, value: unknown): string | undefined {
  const first = Value.Errors(schema, value).First();
  if (!first) return undefined;
  const field = fieldName(part, first.path);
  if (first.type === ValueErrorType.ObjectRequiredProperty) return `${field} is required`;
  const allowed = (first.schema as { enum?: unknown[] }).enum;
  return `${field}: ${allowed ? `Expected one of ${allowed.join(', ')}` : first.message}`;
}

function valueOf(req: Request, part: RequestPart, schema: TSchema): unknown {
  if (part === 'body') return req.body ?? {};
  return Value.Convert(schema, Value.Clone(part === 'params' ? req.params : req.query));
}

function bodySchema(route: ApiRoute, req: Request): TSchema | undefined {
  const other = route.otherBodies && Object.entries(route.otherBodies.types).find(([type]) => req.is(type));
  return other ? other[1] : route.body;
}

export function requestCheck(route: ApiRoute, codes: BadRequestCodes): RequestHandler {
  return (req, res, next) => {
    for (const part of REQUEST_PARTS) {
      if (part === 'body' && route.rawJsonBody) continue;
      const schema = part === 'body' ? bodySchema(route, req) : route[part];
      const why = schema && mismatch(schema, part, valueOf(req, part, schema));
      if (why) return void res.status(400).json({ code: codes[part], message: why });
    }
    next();
  };
}
