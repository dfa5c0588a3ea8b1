/** The instance's own routes at the root of the admin server: liveness, Prometheus metrics and status. */
import type { RequestHandler } from 'express';
import { Type } from '@sinclair/typebox';
import type { ApiRoute } from './api/route.js';
import { json } from './api/schemas.js';

const Status = Type.Object(
  {
    name: Type.String({ description: 'platform.instanceName' }),
    instanceId: Type.String(),
    version: Type.String(),
    uptimeSeconds: Type.Integer(),
  },
  { additionalProperties: true, description: "the instance, each component's headline facts, and one object per component by its name" },
);

export function statusRoutes(handle: { health: RequestHandler; metrics: RequestHandler; status: RequestHandler }): ApiRoute[] {
  return [
    { method: 'get', path: '/health', summary: 'Liveness', access: 'open', answers: { 200: json('up', Type.Object({ status: Type.Literal('UP') })) }, handle: handle.health },
    {
      method: 'get', path: '/metrics', summary: 'Metrics in the Prometheus text format', access: 'open',
      answers: { 200: { description: 'Prometheus exposition format 0.0.4', schema: Type.String(), contentType: 'text/plain' } },
      handle: handle.metrics,
    },
    { method: 'get', path: '/status', summary: 'The instance and its components (indented JSON, as the real hub writes it)', access: 'open', answers: { 200: json('status', Status) }, handle: handle.status },
  ];
}
