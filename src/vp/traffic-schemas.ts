/** The traffic API's request and answer schemas (`admin-routes.ts`); docs/vp.md describes the fields. */
import { Type } from '@sinclair/typebox';
import { StringEnum } from '../platform/api/schemas.js';
import { CALL_OUTCOMES, TRAFFIC_FILTER_FIELDS, TRAFFIC_PAGE_MAX } from './traffic-log.js';

const Headers = Type.Record(Type.String(), Type.String(), { description: 'name (lower case) → value; credentials read (hidden)' });

export const TrafficCall = Type.Object({
  seq: Type.Integer({ description: "the log's running number, the cursor of `before`" }),
  correlationId: Type.String(),
  time: Type.String({ description: 'ISO 8601' }),
  listener: Type.Optional(StringEnum(['https', 'http'] as const)),
  path: Type.Optional(Type.String()),
  sender: Type.Optional(Type.String()),
  originalConsumer: Type.Optional(Type.String()),
  receiver: Type.Optional(Type.String()),
  contract: Type.Optional(Type.String()),
  rivProfile: Type.Optional(StringEnum(['RIVTABP20', 'RIVTABP21'] as const)),
  outcome: StringEnum(CALL_OUTCOMES),
  faultCode: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  httpStatus: Type.Integer(),
  durationMs: Type.Number(),
  producerMs: Type.Optional(Type.Number()),
  producerUrl: Type.Optional(Type.String()),
  routeTrace: Type.Optional(Type.String()),
  permissionTrace: Type.Optional(Type.String()),
  violations: Type.Optional(Type.Array(Type.Object({ direction: StringEnum(['request', 'response'] as const), message: Type.String() }))),
  leg: Type.Optional(Type.String({ description: "a format adapter's leg (SHS, SSEK)" })),
  detail: Type.Optional(Type.String()),
  requestBody: Type.Optional(Type.String()),
  responseBody: Type.Optional(Type.String()),
  requestHeaders: Type.Optional(Headers),
  producerHeaders: Type.Optional(Headers),
  bodiesDropped: Type.Optional(Type.Literal(true)),
});

const filterText = Object.fromEntries(TRAFFIC_FILTER_FIELDS.map((f) => [f, Type.Optional(Type.String())]));

export const TrafficQuery = Type.Object({
  ...filterText,
  match: Type.Optional(Type.String({ description: '`exact` (default) or `contains`: how the text filters match (outcome, fault code and status always whole)' })),
  from: Type.Optional(Type.String({ description: 'ISO 8601 time with a zone: calls at or after it' })),
  to: Type.Optional(Type.String({ description: 'ISO 8601 time with a zone: calls before it' })),
  before: Type.Optional(Type.String({ description: 'the `next` of the previous page' })),
  limit: Type.Optional(Type.String({ description: `calls per page, 0 to ${TRAFFIC_PAGE_MAX}` })),
});

export const TrafficPage = Type.Object({
  capture: Type.Boolean(),
  size: Type.Integer(),
  captureBudgetBytes: Type.Integer(),
  capturedBytes: Type.Integer(),
  calls: Type.Array(TrafficCall),
  next: Type.Optional(Type.Integer({ description: 'pass as `before` for the next older page; absent on the last' })),
});
