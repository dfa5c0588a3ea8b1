/**
 * A certificate receiver that speaks SHS, not RIV (an authority): its own SHS node with a receive service
 * (`/shs/rs`) and a delivery service (`/shs/ds`), its own port, SQLite file and certificate. The catalogue
 * routes its logical address (its organisation number) to the platform's SHS adapter, with a format
 * mapping per certificate contract (asynch, as AXEL's bridge defaults to).
 */
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { openDatabase } from '../../store/database.js';
import { closeServer, listen } from '../../shared/listen.js';
import { systemIdentity } from '../system-runtime.js';
import type { ReferenceSystem, ReferenceSystemEnv, RunningReferenceSystem } from '../reference-system.js';
import { CERT_NS, RECEIVER_CONTRACTS } from '../certificates/certificate-contracts.js';
import { receiptXml } from '../certificates/certificate-xml.js';
import { ReceiverStore } from '../certificates/receiver-store.js';
import { receiverIdentity, type ReceiverDefinition } from '../certificates/receiver-system.js';
import { ShsNodeStore } from './shs-node-store.js';
import { receiveService } from './receive-service.js';
import { deliveryService } from './delivery-service.js';
import { CERTIFICATE_PRODUCTS } from './shs-products.js';

/** An authority: its one logical address is its 10-digit organisation number. */
export type ShsReceiverDefinition = ReceiverDefinition;

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const REQUEST_ELEMENT: Readonly<Record<string, string>> = { [CERT_NS.registerCertificate]: 'RegisterCertificate', [CERT_NS.revokeCertificate]: 'RevokeCertificate' };

/** What the RIV caller is told at once for an asynch delivery; the status follows with the receiver's confirm. */
const asynchAnswer = (namespace: string): string =>
  receiptXml(namespace, `${REQUEST_ELEMENT[namespace]!}Response`, { resultCode: 'INFO', resultText: 'Överlämnat till mottagaren via SHS; mottagarens kvittens följer' });

export function shsReceiverSystem(def: ShsReceiverDefinition): ReferenceSystem {
  const orgNumber = def.careUnits[0]!.hsaId;
  return {
    ...receiverIdentity(def),
    formatMappings: (url) =>
      RECEIVER_CONTRACTS.map((namespace) => ({
        logicalAddress: orgNumber, namespace, format: 'SHS', url: `${url}/shs`, receiverId: orgNumber, product: CERTIFICATE_PRODUCTS[namespace]!, transfer: 'asynch', asynchAnswer: asynchAnswer(namespace),
      })),
    async start(env: ReferenceSystemEnv): Promise<RunningReferenceSystem> {
      const identity = systemIdentity(env, def.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${def.name}.db`));
      const caPem = Array.isArray(identity.ca) ? identity.ca.join('\n') : identity.ca;
      const node = { orgNumber, nodeId: def.hsaId, senders: [env.platformHsaId], messages: new ShsNodeStore(db), certificates: new ReceiverStore(db), caPem };
      const app = express();
      app.disable('x-powered-by');
      app.post('/shs/rs', express.raw({ type: () => true, limit: MAX_MESSAGE_BYTES }), receiveService(node));
      app.use('/shs/ds', deliveryService(node.messages));
      // Partners are SHS nodes with certificates of the same CA (mutual TLS, as the platform's adapter).
      const server = createHttpsServer({ cert: identity.cert, key: identity.key, ca: identity.ca, requestCert: true, rejectUnauthorized: true }, app) as unknown as Server;
      const port = await listen(server, env.port, env.host);
      return {
        url: `https://${env.publicHost}:${port}`,
        async close() {
          await closeServer(server);
          db.close();
        },
      };
    },
  };
}
