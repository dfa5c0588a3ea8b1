import { request } from 'undici';

export type CitizenApi = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The platform's citizen REST API (`/api/citizen…`) as a test calls it: JSON in, status and JSON out. */
export function citizenApi(adminUrl: () => string): CitizenApi {
  return async (method, path, body) => {
    const res = await request(`${adminUrl()}/api/citizen${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: 20_000,
      bodyTimeout: 20_000,
    });
    return { status: res.statusCode, body: await res.body.json() };
  };
}
