/**
 * The EI alone in its own process (bench/ei-ingest.ts), so the measured EI runs compiled and apart from the
 * load generator, as a deployed EI does. argv[2]: data folder; argv[3]: `platform.database` ('' = the SQLite file
 * in the data folder); argv[4] (optional): URL every notification is sent to, with one unfiltered subscriber
 * `SUB-BENCH` in the catalogue. Prints {"url", "headers"} (the Update
 * endpoint and the services port's secret header, which the hub would add);
 * IPC "checkpoint" folds the WAL into the SQLite file (nothing on PostgreSQL) and answers {"checkpointed": true}.
 */
import { EI_NS } from '../../src/ei/index.js';
import { StaticCatalogueSource } from '../../src/tak/snapshot.js';
import { startEiPlatform } from './ei-data.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';

const [dataDir, database, subscriberUrl] = process.argv.slice(2);
const platform = await startEiPlatform(dataDir!, database);
if (subscriberUrl) {
  platform.ctx.hubCaller = { ...platform.ctx.hubCaller, url: subscriberUrl };
  (platform.ctx.catalogue as StaticCatalogueSource).set({ version: 1, publishedAt: '', routes: [], hsaUnits: [], permissions: [
    { id: 1, logicalAddress: 'SUB-BENCH', namespace: EI_NS.processNotification, consumer: platform.ctx.platformHsaId, from: '2000-01-01', to: '2100-01-01', filters: [] }] });
}
process.on('message', (m) => {
  if (m !== 'checkpoint') return;
  if (!platform.ctx.postgres) platform.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  process.send!({ checkpointed: true });
});
process.once('SIGTERM', () => void platform.close().then(() => process.exit(0)));
const headers = { [PLATFORM_SECRET_HEADER]: platform.ctx.servicesSecret };
process.stdout.write(JSON.stringify({ url: platform.servicesBaseUrl + '/ei/update', headers }) + '\n');
