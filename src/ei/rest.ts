import { Type } from '@sinclair/typebox';
import type { FindQuery as Query } from './store.js';
import type { EiApi } from './api.js';
import { FIND_FIELDS } from './fields.js';
import type { ApiRoute } from '../platform/api/route.js';
import { json } from '../platform/api/schemas.js';
import { DeadLetter, EiStats, Engagement, FindQuery, WriteLockChange, WriteLockStatus } from './api-schemas.js';

/** REST under /api/ei: reads open to readers, writes (dead-letter redelivery, write lock) need the operator. */
export function eiRoutes(api: EiApi): ApiRoute[] {
  return [
    {
      method: 'get', path: '/engagements', summary: 'Find engagements (FindContent) by its fields as query parameters', access: 'reader',
      query: FindQuery,
      answers: { 200: json('the engagements found', Type.Array(Engagement)) },
      handle: async (req, res) => {
        const query: Record<string, string> = {};
        for (const f of FIND_FIELDS) if (typeof req.query[f] === 'string' && req.query[f] !== '') query[f] = req.query[f] as string;
        res.json(await api.find(query as Query));
      },
    },
    { method: 'get', path: '/stats', summary: 'Counts per service domain and source system, subscribers, queues, the write lock', access: 'reader', answers: { 200: json('statistics', EiStats) }, handle: async (_req, res) => void res.json(await api.stats()) },
    { method: 'get', path: '/dead-letters', summary: 'Notifications given up on', access: 'reader', answers: { 200: json('dead letters', Type.Array(DeadLetter)) }, handle: async (_req, res) => void res.json(await api.deadLetters()) },
    {
      method: 'post', path: '/dead-letters/redeliver', summary: 'Queue dead letters again: the given ids, or all when ids is absent', access: 'operator',
      body: Type.Object({ ids: Type.Optional(Type.Array(Type.Integer())) }),
      answers: { 200: json('how many were queued again', Type.Object({ redelivered: Type.Integer() })) },
      handle: async (req, res) => void res.json({ redelivered: await api.redeliver((req.body as { ids?: number[] } | undefined)?.ids ?? 'all') }),
    },
    { method: 'get', path: '/write-lock', summary: 'Whether writes are held, and how many', access: 'reader', answers: { 200: json('the lock', WriteLockStatus) }, handle: async (_req, res) => void res.json(await api.writeLockStatus()) },
    {
      method: 'put', path: '/write-lock', summary: 'Hold writes (true) or apply the held ones and accept writes again (false)', access: 'operator',
      body: Type.Object({ writeLock: Type.Boolean() }),
      answers: { 200: json('the lock now', WriteLockChange) },
      handle: async (req, res) => void res.json(await api.setWriteLock((req.body as { writeLock: boolean }).writeLock)),
    },
  ];
}
