/**
 * What every reference system needs at start: its certificate (issued from the dev PKI on first use), an
 * HTTPS producer server presenting it, and a mutual-TLS caller of the hub. Kept in one place so the
 * systems differ only in their contracts and data.
 */
import { issueSystemCertificate, readIdentity } from '../pki/index.js';
import { createSoapServer, type SoapHandler } from '../platform/soap-server.js';
import { closeServer, listen } from '../shared/listen.js';
import { createAgent, type HubCaller, type TlsIdentity } from '../shared/soap/client.js';
import type { ReferenceSystemEnv } from './reference-system.js';

/** The system's SITHS-like identity, creating it in the dev PKI when missing. */
export function systemIdentity(env: Pick<ReferenceSystemEnv, 'certsDir'>, hsaId: string): TlsIdentity {
  issueSystemCertificate(env.certsDir, hsaId);
  return readIdentity(env.certsDir, hsaId);
}

export interface HubConnection {
  caller: HubCaller;
  close(): Promise<void>;
}

/** Calls the hub's HTTPS listener presenting the system's own certificate (the hub reads the sender id from it). */
export function connectToHub(env: Pick<ReferenceSystemEnv, 'hubHttpsUrl'>, identity: TlsIdentity): HubConnection {
  const agent = createAgent(identity, { connections: 8 });
  return { caller: { kind: 'mtls', url: env.hubHttpsUrl, dispatcher: agent }, close: () => agent.close() };
}

export interface ProducerServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the handlers (path → handler) over HTTPS with the system's certificate. Callers must present a
 * certificate of the dev CA, as NTjP producers only accept the hub's.
 */
export async function startProducerServer(env: ReferenceSystemEnv, identity: TlsIdentity, handlers: Map<string, SoapHandler>): Promise<ProducerServer> {
  const soap = createSoapServer(env.log, {
    tls: { cert: identity.cert, key: identity.key, ca: identity.ca, requestCert: true, rejectUnauthorized: true },
    xmlLimits: env.xmlLimits,
  });
  for (const [path, handler] of handlers) soap.register(path, handler);
  const port = await listen(soap.server, env.port, env.host);
  return { url: `https://${env.publicHost}:${port}`, close: () => closeServer(soap.server) };
}
