/** `GET /api/adapters/deliveries`: the latest SHS and SSEK deliveries with their state. */
import { Type } from '@sinclair/typebox';
import type { ApiRoute } from '../platform/api/route.js';
import { json, Nullable, StringEnum } from '../platform/api/schemas.js';
import type { Delivery as StoredDelivery } from './delivery-store.js';

const Delivery = Type.Object({
  correlationId: Type.String(),
  format: StringEnum(['SHS', 'SSEK']),
  receiver: Type.String(),
  namespace: Type.String(),
  url: Type.String(),
  sender: Type.String({ description: 'the sender id the message went out with' }),
  txId: Type.String(),
  state: StringEnum(['sending', 'delivered', 'awaiting-receipt', 'confirmed', 'error', 'failed']),
  reason: Nullable(Type.String()),
  sentAt: Type.String(),
  updatedAt: Type.String(),
});

export function deliveriesRoute(deliveries: (limit?: number) => Promise<StoredDelivery[]>): ApiRoute {
  return {
    method: 'get',
    path: '/deliveries',
    summary: 'The latest deliveries to SHS and SSEK receivers, newest first',
    access: 'reader',
    query: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, description: 'how many (default 100, at most 1000)' })) }),
    answers: { 200: json('deliveries', Type.Array(Delivery)) },
    handle: async (req, res) => void res.json(await deliveries(Number(req.query.limit) || undefined)),
  };
}
