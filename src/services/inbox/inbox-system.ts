import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import express from 'express';
import { openDatabase } from '../../store/database.js';
import { createSoapServer } from '../../platform/soap-server.js';
import { closeServer, listen } from '../../shared/listen.js';
import { systemIdentity } from '../system-runtime.js';
import type { LogicalAddressee, ReferenceSystem, ReferenceSystemEnv, RunningReferenceSystem } from '../reference-system.js';
import { INBOX_CONTRACTS } from './inbox-contracts.js';
import { InboxStore } from './inbox-store.js';
import { inboxHandlers } from './inbox-handlers.js';
import { inboxCitizenApi } from './inbox-citizen-api.js';
import { demoInboxUsers } from './demo-users.js';

export interface InboxSystemDefinition {
  name: string;
  hsaId: string;
  description: string;
  /** the portal's logical address(es): where care systems address inbox messages */
  careUnits: LogicalAddressee[];
  /** systems allowed to read citizens' inboxes through the portal API (the 1177 e-services) */
  portalReaders: readonly string[];
}

/** Path prefix of the portal's JSON API on the inbox server. */
export const INBOX_API_PREFIX = '/api';

/**
 * The reference 1177 inkorg: one HTTPS port carries the SOAP contracts (the hub calls them) and the portal's
 * JSON API (the citizen simulator reads through it); both need a client certificate of the dev CA.
 */
export function inboxSystem(def: InboxSystemDefinition): ReferenceSystem {
  return {
    name: def.name,
    hsaId: def.hsaId,
    description: def.description,
    logicalAddresses: def.careUnits,
    produces: [...INBOX_CONTRACTS],
    consumes: [],
    async start(env: ReferenceSystemEnv): Promise<RunningReferenceSystem> {
      const identity = systemIdentity(env, def.hsaId);
      const db = openDatabase(join(env.dataDir, 'services', `${def.name}.db`));
      const store = new InboxStore(db);
      if (env.demoData) for (const u of demoInboxUsers()) if (!store.user(u.subjectOfCareId).active && u.active) store.setUser(u);
      const soap = createSoapServer(env.log.child({ 'service.name': def.name }), { xmlLimits: env.xmlLimits });
      for (const [path, handler] of inboxHandlers(store)) soap.register(path, handler);
      const app = express();
      app.disable('x-powered-by');
      app.use(INBOX_API_PREFIX, inboxCitizenApi(store, def.portalReaders));
      // Everything else is a SOAP call: hand the untouched request stream to the SOAP dispatcher.
      app.use((req, res) => void soap.server.emit('request', req, res));
      const server = createHttpsServer({ cert: identity.cert, key: identity.key, ca: identity.ca, requestCert: true, rejectUnauthorized: true }, app);
      const port = await listen(server as unknown as import('node:http').Server, env.port, env.host);
      return {
        url: `https://${env.publicHost}:${port}`,
        async close() {
          await closeServer(server as unknown as import('node:http').Server);
          db.close();
        },
      };
    },
  };
}
