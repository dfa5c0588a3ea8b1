/**
 * The traffic log over REST on the admin server: `GET /api/traffic?sender=&receiver=&contract=&outcome=
 * &faultCode=&limit=` (readers) and `PUT /api/traffic/capture {"on": true}` (operator).
 */
import express, { type Router } from 'express';
import type { AdminServer } from '../platform/admin-server.js';
import type { TrafficFilter, TrafficLog } from './traffic-log.js';

const FILTER_PARAMS = ['sender', 'receiver', 'contract', 'outcome', 'faultCode'] as const;

export function trafficRouter(admin: AdminServer, traffic: TrafficLog): Router {
  const router = express.Router();
  router.get('/', admin.requireReader, (req, res) => {
    const filter: TrafficFilter = {};
    for (const p of FILTER_PARAMS) if (typeof req.query[p] === 'string') filter[p] = req.query[p];
    if (req.query.limit !== undefined) {
      const limit = Number(req.query.limit);
      if (!Number.isInteger(limit) || limit < 0) {
        res.status(400).json({ code: 'NTJP_ERR_BAD_LIMIT', message: 'limit must be a non-negative integer' });
        return;
      }
      filter.limit = limit;
    }
    res.json({ capture: traffic.capturing, size: traffic.size, calls: traffic.list(filter) });
  });
  router.put('/capture', admin.requireOperator, (req, res) => {
    const on = (req.body as { on?: unknown } | undefined)?.on;
    if (typeof on !== 'boolean') {
      res.status(400).json({ code: 'NTJP_ERR_BAD_CAPTURE', message: 'send {"on": true} or {"on": false}' });
      return;
    }
    traffic.setCapture(on);
    res.json({ capture: on });
  });
  return router;
}
