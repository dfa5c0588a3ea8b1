/**
 * The catalogue, the hub, the EI, the AgP, the contracts and the console on one platform in its own process
 * (bench/tak-publish-stall.ts), as `ntjp serve` runs them: one event loop, one SQLite file. Routes
 * `urn:bench:PingResponder:1` at logical address BENCH to the producer on 127.0.0.1:<argv[2]> for consumer
 * BENCH-CONSUMER, and lets that consumer send EI Updates to the platform's address (an order, published).
 * argv[3] is `platform.workers` (default 0: the hub's listeners in this process too).
 * Prints {"adminUrl","hubUrl","instanceId","token"}. IPC `{"prepare": rows}` builds an order of that many
 * routes and permissions (answers {"prepared"}), `"apply"` applies it through the catalogue service as the
 * REST API does (answers {"applied": ms}). The temp folder goes when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadSettings } from '../../src/config/load.js';
import { SETTINGS_GROUPS } from '../../src/app/settings-groups.js';
import { startPlatform } from '../../src/app/platform.js';
import { silentLogger } from '../../src/shared/log.js';
import { takComponent, type TakService } from '../../src/tak/index.js';
import { localToday } from '../../src/shared/local-time.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { eiComponent, EI_NS } from '../../src/ei/index.js';
import { agpComponent } from '../../src/agp/index.js';
import { contractsComponent } from '../../src/contracts/index.js';
import { consoleComponent } from '../../src/console/index.js';
import { bigOrder } from './tak-orders.js';

const NAMESPACE = 'urn:bench:PingResponder:1';
const TOKEN = 'bench';
const producerPort = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), 'ntjp-bench-takp-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const settings = loadSettings([...SETTINGS_GROUPS], { argv: [], env: {}, cwd: dir });
for (const key of Object.keys(settings)) if (/Port$/.test(key)) settings[key] = 0;
Object.assign(settings, {
  'platform.dataDir': join(dir, 'data'), 'platform.certsDir': join(dir, 'certs'), 'platform.adminHttpsPort': -1,
  'platform.logLevel': 'silent', 'platform.operatorToken': TOKEN, 'tak.seedDemo': false,
  'platform.workers': Number(process.argv[3] ?? 0),
});
const platform = await startPlatform(settings, [takComponent, vpComponent, eiComponent, agpComponent, contractsComponent, consoleComponent], silentLogger);
const { platformHsaId } = platform.ctx;
const tak = platform.ctx.use<TakService>('tak');
await tak.order({
  genomforandeTidpunkt: '2000-01-01',
  inkludera: {
    tjanstekontrakt: [{ namnrymd: NAMESPACE }, { namnrymd: EI_NS.update }],
    logiskadresser: [{ hsaId: 'BENCH' }, { hsaId: platformHsaId }],
    tjanstekomponenter: [{ hsaId: 'BENCH-PRODUCER' }, { hsaId: 'BENCH-CONSUMER' }],
    anropsbehorigheter: [
      { logiskAdress: 'BENCH', tjanstekontrakt: NAMESPACE, tjanstekonsument: 'BENCH-CONSUMER' },
      { logiskAdress: platformHsaId, tjanstekontrakt: EI_NS.update, tjanstekonsument: 'BENCH-CONSUMER' },
    ],
    vagval: [{ adress: `http://127.0.0.1:${producerPort}/ping`, logiskAdress: 'BENCH', tjanstekontrakt: NAMESPACE, rivtaprofil: 'RIVTABP21', tjanstekomponent: 'BENCH-PRODUCER' }],
  },
  exkludera: {},
}, { dryRun: false, user: 'bench' });
await tak.publish('bench', 'bench route');

let prepared: Record<string, unknown> | undefined;
process.on('message', (m) => {
  const rows = (m as { prepare?: number }).prepare;
  if (rows !== undefined) {
    prepared = bigOrder(rows, localToday());
    process.send!({ prepared: rows });
    return;
  }
  if (m !== 'apply' || !prepared) return;
  const t0 = performance.now();
  tak.order(prepared, { dryRun: false, user: 'bench' }).then(
    () => process.send!({ applied: performance.now() - t0 }),
    (e: Error) => process.send!({ error: e.message }),
  );
});
process.once('SIGTERM', () => void platform.close().then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ adminUrl: platform.adminUrl, hubUrl: platform.ctx.use<VpApi>('vp').urls.http, instanceId: platform.ctx.instanceId, token: TOKEN }) + '\n');
