import { join } from 'node:path';
import { openDatabase } from '../../store/database.js';
import { startProducerServer, systemIdentity } from '../system-runtime.js';
import type { LogicalAddressee, ReferenceSystem, ReferenceSystemEnv, RunningReferenceSystem } from '../reference-system.js';
import { RECEIVER_CONTRACTS } from './certificate-contracts.js';
import { ReceiverStore } from './receiver-store.js';
import { receiverHandlers } from './receiver-handlers.js';

export interface ReceiverDefinition {
  name: string;
  hsaId: string;
  description: string;
  /** the receiver's logical address(es), where Intygstjänsten sends certificates */
  careUnits: LogicalAddressee[];
}

/** Who a certificate receiver is, whatever it speaks (RIV, SHS, SSEK): it produces the certificate contracts at its addresses. */
export function receiverIdentity(def: ReceiverDefinition): Pick<ReferenceSystem, 'name' | 'hsaId' | 'description' | 'logicalAddresses' | 'produces' | 'consumes'> {
  return { name: def.name, hsaId: def.hsaId, description: def.description, logicalAddresses: def.careUnits, produces: [...RECEIVER_CONTRACTS], consumes: [] };
}

/** A reference certificate receiver (e.g. an authority): stores certificates and revocations, answers with receipts. */
export function certificateReceiverSystem(def: ReceiverDefinition): ReferenceSystem {
  return {
    ...receiverIdentity(def),
    async start(env: ReferenceSystemEnv): Promise<RunningReferenceSystem> {
      const identity = systemIdentity(env, def.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${def.name}.db`));
      const store = new ReceiverStore(db);
      // Signatures must chain to the dev CA: the same trust anchor as the platform's TLS.
      const caPem = Array.isArray(identity.ca) ? identity.ca.join('\n') : identity.ca;
      const server = await startProducerServer(env, identity, receiverHandlers(store, caPem, env.xmlLimits));
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
