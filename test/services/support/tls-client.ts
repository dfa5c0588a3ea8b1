/** Calls a reference system directly (no hub) over mutual TLS as a given dev-PKI identity. */
import { request, type Agent } from 'undici';
import { createAgent, postSoap, type SoapAnswer } from '../../../src/shared/soap/client.js';
import { rivRequest } from '../../../src/shared/soap/envelope.js';
import { issueSystemCertificate, readIdentity } from '../../../src/pki/index.js';

export interface TlsClient {
  agent: Agent;
  soap(url: string, logicalAddress: string, payload: string): Promise<SoapAnswer & { request: string }>;
  json(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function tlsClient(certsDir: string, hsaId: string): TlsClient {
  issueSystemCertificate(certsDir, hsaId);
  const agent = createAgent(readIdentity(certsDir, hsaId), { connections: 2 });
  return {
    agent,
    async soap(url, logicalAddress, payload) {
      const envelope = rivRequest(logicalAddress, payload);
      return { ...(await postSoap({ url, body: envelope, dispatcher: agent, timeoutMs: 10_000 })), request: envelope };
    },
    async json(method, url, body) {
      const res = await request(url, {
        method,
        dispatcher: agent,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      return { status: res.statusCode, body: await res.body.json() };
    },
    close: () => agent.close(),
  };
}
