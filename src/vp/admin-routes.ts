/**
 * The traffic log over REST on the admin server: `GET /api/traffic?<field>=&match=&from=&to=&before=&limit=`
 * (readers, one page, newest first), `GET /api/traffic/<seq>` (one call) and `PUT /api/traffic/capture {"on": true}` (operator). docs/vp.md has the fields.
 */
import type { Request } from 'express';
import { Type } from '@sinclair/typebox';
import type { ApiRoute } from '../platform/api/route.js';
import { json, refusal } from '../platform/api/schemas.js';
import { TrafficCall, TrafficPage, TrafficQuery } from './traffic-schemas.js';
import { TRAFFIC_FILTER_FIELDS, TRAFFIC_PAGE_MAX, type TrafficFilter, type TrafficLog } from './traffic-log.js';

interface QueryError {
  code: string;
  message: string;
}

const BAD_LIMIT: QueryError = { code: 'NTJP_ERR_BAD_LIMIT', message: `limit must be an integer from 0 to ${TRAFFIC_PAGE_MAX}` };
const BAD_CURSOR: QueryError = { code: 'NTJP_ERR_BAD_CURSOR', message: 'before must be a positive integer (the next of the previous page)' };
const BAD_MATCH: QueryError = { code: 'NTJP_ERR_BAD_MATCH', message: 'match must be exact or contains' };
const BAD_TIME: QueryError = { code: 'NTJP_ERR_BAD_TIME', message: 'from and to must be ISO 8601 times, e.g. 2026-01-31T12:00:00Z' };
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const timeIn = (v: unknown): Date | undefined => (typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined);

const integerIn = (v: unknown, min: number, max: number): number | undefined => {
  const n = Number(v);
  return typeof v === 'string' && v !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** The filter a query asks for, or what is wrong with it. */
function filterOf(req: Request): TrafficFilter | QueryError {
  const q = req.query;
  const filter: TrafficFilter = {};
  for (const f of TRAFFIC_FILTER_FIELDS) if (typeof q[f] === 'string') filter[f] = q[f];
  if (q.limit !== undefined) {
    filter.limit = integerIn(q.limit, 0, TRAFFIC_PAGE_MAX);
    if (filter.limit === undefined) return BAD_LIMIT;
  }
  if (q.before !== undefined) {
    filter.before = integerIn(q.before, 1, Number.MAX_SAFE_INTEGER);
    if (filter.before === undefined) return BAD_CURSOR;
  }
  if (q.match !== undefined) {
    if (q.match !== 'exact' && q.match !== 'contains') return BAD_MATCH;
    filter.match = q.match;
  }
  for (const bound of ['from', 'to'] as const) {
    if (q[bound] === undefined) continue;
    filter[bound] = timeIn(q[bound]);
    if (filter[bound] === undefined) return BAD_TIME;
  }
  return filter;
}

/** The traffic API's routes under /api/traffic, declared once for the request check and the OpenAPI document. */
export function trafficRoutes(traffic: TrafficLog): ApiRoute[] {
  return [
    {
      method: 'get', path: '/', summary: 'One page of the traffic log, newest first, filtered', access: 'reader',
      query: TrafficQuery,
      answers: { 200: json('the page and the log\'s capture state', TrafficPage), 400: refusal('a filter, cursor or limit that cannot be read') },
      handle: (req, res) => {
        const filter = filterOf(req);
        if ('code' in filter) {
          res.status(400).json(filter);
          return;
        }
        const { calls, next } = traffic.page(filter);
        res.json({ capture: traffic.capturing, size: traffic.size, captureBudgetBytes: traffic.captureBudgetBytes, capturedBytes: traffic.capturedBytes, calls, next });
      },
    },
    {
      method: 'get', path: '/:seq', summary: 'One call, while the log still holds it', access: 'reader',
      params: Type.Object({ seq: Type.String({ description: "the call's seq (digits; anything else is a path nothing serves: 404)" }) }),
      answers: { 200: json('the call', TrafficCall), 404: refusal('the log no longer holds that call') },
      handle: (req, res, next) => {
        const seq = String(req.params.seq);
        if (!/^\d+$/.test(seq)) return next();
        const call = traffic.get(Number(seq));
        if (!call) {
          res.status(404).json({ code: 'NTJP_ERR_NO_SUCH_CALL', message: `The traffic log holds no call ${seq} (it keeps the last ${traffic.size})` });
          return;
        }
        res.json(call);
      },
    },
    {
      method: 'put', path: '/capture', summary: 'Switch capture of bodies and headers on or off (off drops what was kept)', access: 'operator',
      body: Type.Object({ on: Type.Boolean() }),
      answers: { 200: json('the capture state now', Type.Object({ capture: Type.Boolean() })) },
      codes: { body: 'NTJP_ERR_BAD_CAPTURE' },
      handle: (req, res) => {
        const { on } = req.body as { on: boolean };
        traffic.setCapture(on);
        res.json({ capture: on });
      },
    },
  ];
}
