/** What `ntjp ei` does, over a running platform's REST API or straight on the store. */
export interface EiAccess {
  find(query: Record<string, string>): Promise<unknown>;
  stats(): Promise<unknown>;
  deadLetters(): Promise<unknown>;
  redeliver(ids: readonly number[] | 'all'): Promise<unknown>;
  writeLock(): Promise<unknown>;
  setWriteLock(on: boolean): Promise<unknown>;
  close(): Promise<void>;
}

export interface RestTarget {
  url: string;
  token: string | undefined;
}

async function call(t: RestTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(t.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(t.token ? { authorization: `Bearer ${t.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${(json as { message?: string } | undefined)?.message ?? ''}`.trim());
  return json;
}

/** Through /api/ei of a running platform. */
export function eiOverRest(t: RestTarget): EiAccess {
  return {
    find: (query) => call(t, 'GET', `/api/ei/engagements?${new URLSearchParams(query)}`),
    stats: () => call(t, 'GET', '/api/ei/stats'),
    deadLetters: () => call(t, 'GET', '/api/ei/dead-letters'),
    redeliver: (ids) => call(t, 'POST', '/api/ei/dead-letters/redeliver', ids === 'all' ? {} : { ids }),
    writeLock: () => call(t, 'GET', '/api/ei/write-lock'),
    setWriteLock: (on) => call(t, 'PUT', '/api/ei/write-lock', { writeLock: on }),
    close: async () => undefined,
  };
}
