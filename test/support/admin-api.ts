import { request } from 'undici';
import type { TestPlatform } from './platform.js';

/** One JSON call to a test platform's admin API as the operator `test-operator`. */
export async function operatorCall(p: TestPlatform, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await request(`${p.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.operatorToken}`, 'x-ntjp-user': 'test-operator' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, json: await res.body.json() };
}
