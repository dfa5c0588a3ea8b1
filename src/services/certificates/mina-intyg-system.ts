import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import type { SoapAnswer } from '../../shared/soap/client.js';
import { openDatabase } from '../../store/database.js';
import { closeServer, listen } from '../../shared/listen.js';
import { issueSystemCertificate, readIdentity } from '../../pki/index.js';
import { connectToHub, systemIdentity } from '../system-runtime.js';
import type { ReferenceSystem, ReferenceSystemEnv, RunningReferenceSystem } from '../reference-system.js';
import { CERT_NS } from './certificate-contracts.js';
import { SenderStore } from './sender-store.js';
import { CertificateSender } from './sender.js';
import { DEMO_DOCTOR } from './demo-certificate.js';
import { minaIntygApi } from './mina-intyg-api.js';

export interface MinaIntygDefinition {
  name: string;
  hsaId: string;
  description: string;
  /** logical addresses of the receivers it may send to */
  receivers: readonly string[];
  /** systems allowed to use its citizen API (the 1177 e-services) */
  readers: readonly string[];
  /** sees every exchange with the hub (tests) */
  observe?: (request: string, answer: SoapAnswer) => void;
}

/**
 * The Mina intyg / Intygstjänsten simulator: a consumer of RegisterCertificate 3 and RevokeCertificate 2
 * (through the hub, mutual TLS with its own certificate) with a small HTTPS JSON API for the citizen side.
 */
export function minaIntygSystem(def: MinaIntygDefinition): ReferenceSystem {
  return {
    name: def.name,
    hsaId: def.hsaId,
    description: def.description,
    logicalAddresses: [],
    produces: [],
    consumes: def.receivers.flatMap((r) => [
      { namespace: CERT_NS.registerCertificate, logicalAddress: r },
      { namespace: CERT_NS.revokeCertificate, logicalAddress: r },
    ]),
    async start(env: ReferenceSystemEnv): Promise<RunningReferenceSystem> {
      const identity = systemIdentity(env, def.hsaId);
      // The demo doctor's signing certificate, from the same dev CA (a SITHS card stands behind it in reality).
      issueSystemCertificate(env.certsDir, DEMO_DOCTOR.hsaId);
      const doctor = readIdentity(env.certsDir, DEMO_DOCTOR.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${def.name}.db`));
      const store = new SenderStore(db);
      const hub = connectToHub(env, identity);
      const sender = new CertificateSender(store, hub.caller, { certPem: doctor.cert, keyPem: doctor.key }, def.observe);
      const stopReceipts = env.onAdapterReceipt?.((r) => void sender.applyReceipt(r)) ?? (() => undefined);
      const app = express();
      app.disable('x-powered-by');
      app.use('/api', minaIntygApi(sender, store, def.receivers, def.readers));
      const server = createHttpsServer({ cert: identity.cert, key: identity.key, ca: identity.ca, requestCert: true, rejectUnauthorized: true }, app) as unknown as Server;
      const port = await listen(server, env.port, env.host);
      return {
        url: `https://${env.publicHost}:${port}`,
        async close() {
          stopReceipts();
          await closeServer(server);
          await hub.close();
          db.close();
        },
      };
    },
  };
}
