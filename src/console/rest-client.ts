import { request } from 'undici';
import type { AddressInfo } from 'node:net';
import type { AdminServer } from '../platform/admin-server.js';

export interface RestAnswer {
  status: number;
  /** the parsed body when it is JSON */
  json: unknown;
  text: string;
}

export interface RestClient {
  /** `asOperator` adds the operator token: only for requests of a signed-in operator */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts?: { body?: unknown; asOperator?: boolean }): Promise<RestAnswer>;
}

const REST_TIMEOUT_MS = 30_000;
/** who the catalogue's audit trail names for changes made in the console */
const AUDIT_USER = 'console';

/**
 * The console reads and writes through the platform's own REST API on loopback, so every check and error
 * code of the other components applies to the console exactly as to any other client.
 */
export function createRestClient(admin: AdminServer, operatorToken: string): RestClient {
  return {
    async call(method, path, opts = {}) {
      const { address, port } = admin.server.address() as AddressInfo;
      const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (opts.asOperator) Object.assign(headers, { authorization: `Bearer ${operatorToken}`, 'x-ntjp-user': AUDIT_USER });
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await request(`http://${host}:${port}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        headersTimeout: REST_TIMEOUT_MS,
        bodyTimeout: REST_TIMEOUT_MS,
      });
      const text = await res.body.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, json, text };
    },
  };
}
