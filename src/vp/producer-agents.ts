/**
 * The shared keep-alive pools to producers: one for http://, one for https:// presenting the hub's own
 * client certificate. Host names are not verified (producer.https.hostnameVerification=false, spec §4).
 */
import { Agent } from 'undici';
import type { TlsIdentity } from '../shared/soap/client.js';

export interface ProducerAgents {
  http: Agent;
  https: Agent;
  close(): Promise<void>;
}

const KEEP_ALIVE_MS = 30_000;

export function createProducerAgents(identity: TlsIdentity, connectTimeoutMs: number): ProducerAgents {
  const http = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, connect: { timeout: connectTimeoutMs } });
  const https = new Agent({
    keepAliveTimeout: KEEP_ALIVE_MS,
    connect: { timeout: connectTimeoutMs, cert: identity.cert, key: identity.key, ca: identity.ca, checkServerIdentity: () => undefined },
  });
  return {
    http,
    https,
    close: async () => {
      await Promise.all([http.destroy(), https.destroy()]);
    },
  };
}
