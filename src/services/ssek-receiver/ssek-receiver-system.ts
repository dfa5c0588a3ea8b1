/**
 * A certificate receiver that speaks SSEK, not RIV (an insurance company): one SSEK web service at
 * `/ssek/certificates` on its own port, with its own SQLite file and certificate (which also signs its
 * answers). The catalogue routes its logical address to the platform's SSEK adapter with a format mapping
 * per certificate contract; the receiver is addressed by organisation number (`16` + orgnr, type ORGNR).
 */
import { join } from 'node:path';
import { openDatabase } from '../../store/database.js';
import { startProducerServer, systemIdentity } from '../system-runtime.js';
import type { ReferenceSystem, ReferenceSystemEnv, RunningReferenceSystem } from '../reference-system.js';
import { RECEIVER_CONTRACTS } from '../certificates/certificate-contracts.js';
import { ReceiverStore } from '../certificates/receiver-store.js';
import { receiverIdentity, type ReceiverDefinition } from '../certificates/receiver-system.js';
import { DEFAULT_SSEK_ALGORITHMS } from '../../adapters/index.js';
import { ssekService } from './ssek-service.js';

/** An insurer: its one logical address is its 10-digit organisation number. */
export type SsekReceiverDefinition = ReceiverDefinition;

export const SSEK_SERVICE_PATH = '/ssek/certificates';

export function ssekReceiverSystem(def: SsekReceiverDefinition): ReferenceSystem {
  const orgNumber = def.careUnits[0]!.hsaId;
  const ssekId = `16${orgNumber}`;
  return {
    ...receiverIdentity(def),
    formatMappings: (url) => RECEIVER_CONTRACTS.map((namespace) => ({ logicalAddress: orgNumber, namespace, format: 'SSEK', url: url + SSEK_SERVICE_PATH, receiverId: ssekId, receiverIdType: 'ORGNR', transfer: 'synch' })),
    async start(env: ReferenceSystemEnv): Promise<RunningReferenceSystem> {
      const identity = systemIdentity(env, def.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${def.name}.db`));
      const caPem = Array.isArray(identity.ca) ? identity.ca.join('\n') : identity.ca;
      const service = ssekService({
        id: ssekId,
        idType: 'ORGNR',
        senders: [`16${env.platformHsaId}`],
        certificates: new ReceiverStore(db),
        caPem,
        signer: { certPem: identity.cert, keyPem: identity.key },
        algorithms: DEFAULT_SSEK_ALGORITHMS,
        db,
      });
      const server = await startProducerServer(env, identity, new Map([[SSEK_SERVICE_PATH, service]]));
      return {
        url: server.url,
        async close() {
          await server.close();
          db.close();
        },
      };
    },
  };
}
