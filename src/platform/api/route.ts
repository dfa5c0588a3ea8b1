/**
 * A REST route declared once: its method, path, parameters, body and answers as TypeBox schemas. The same
 * declaration registers the Express handler behind a request check (`mount-api.ts`) and becomes its
 * operation in /api/openapi.json (`openapi.ts`), so the document cannot drift from what is served.
 */
import type { RequestHandler } from 'express';
import type { TObject, TSchema } from '@sinclair/typebox';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** Who may call: anyone on loopback (`reader`), the operator credential (`operator`), or everyone (`open`). */
export type Access = 'reader' | 'operator' | 'open';

/** One answer a route gives: JSON by its schema, another media type (text) by `contentType`, or no body. */
export interface Answer {
  description: string;
  schema?: TSchema;
  /** default `application/json` when a schema is given */
  contentType?: string;
}

export interface ApiRoute {
  method: Method;
  /** Express path below the mount prefix; `:name` is a path parameter that `params` declares */
  path: string;
  summary: string;
  access: Access;
  params?: TObject;
  query?: TObject;
  /** the JSON body; checked after the admin server's JSON parser */
  body?: TSchema;
  /**
   * The JSON body arrives unparsed (`req.body` a Buffer, undefined when not JSON) for the handler to parse
   * and check against `body` away from the event loop: the route of a body of megabytes.
   */
  rawJsonBody?: true;
  /** media types other than JSON the body may come in, with the parsers that read them */
  otherBodies?: { types: Record<string, TSchema>; parse: RequestHandler };
  answers: Record<number, Answer>;
  /** the codes a request that does not match answers with, where this route's differ from its mount's */
  codes?: Partial<BadRequestCodes>;
  handle: RequestHandler;
}

/** The parts of a request a route's schemas check, in the order they are checked. */
export const REQUEST_PARTS = ['params', 'query', 'body'] as const;
export type RequestPart = (typeof REQUEST_PARTS)[number];

/** The code a request that does not match is answered with, by the part that does not (a component's own error family). */
export type BadRequestCodes = Record<RequestPart, string>;
