import { expect } from 'chai';
import { consoleComponent, type ConsoleApi } from '../../src/console/index.js';
import { contractsComponent } from '../../src/contracts/index.js';
import { adaptersComponent, type AdaptersApi } from '../../src/adapters/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { testDatabaseOrSkip } from '../support/postgres.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { operatorCall } from '../support/admin-api.js';
import { GCD3, lifecycleOrder } from '../contracts/lifecycle-fixtures.js';

const PRODUCER = 'SE2321000016-PROD';
const HOUR_MS = 3_600_000;

describe('two platform instances on one PostgreSQL database: availability record, lifecycle dates, adapter deliveries', function () {
  this.timeout(90_000);
  let a: TestPlatform;
  let b: TestPlatform;

  before(async function () {
    const url = await testDatabaseOrSkip(this);
    const start = (instanceId: string): Promise<TestPlatform> =>
      startTestPlatform({
        components: [vpComponent, contractsComponent, adaptersComponent, consoleComponent],
        catalogue: lifecycleOrder('http://127.0.0.1:9'),
        settings: { 'platform.database': url, 'platform.instanceId': instanceId, 'console.probeIntervalMs': 0 },
      });
    a = await start('instance-a');
    b = await start('instance-b');
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('shows on instance B a planned outage recorded through instance A, and nothing of it in either SQLite file', async () => {
    const fromMs = Date.UTC(2026, 2, 1);
    const outage = await a.ctx.use<ConsoleApi>('console').availability.addOutage({ producer: PRODUCER, contract: '', fromMs, toMs: fromMs + HOUR_MS, note: 'upgrade' }, fromMs);
    expect(await b.ctx.use<ConsoleApi>('console').availability.outages(fromMs, fromMs + HOUR_MS)).to.deep.equal([{ ...outage }]);
    for (const p of [a, b]) expect(p.ctx.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'avail_%' OR name LIKE 'lifecycle_%' OR name = 'adapter_delivery'").all()).to.deep.equal([]);
  });

  it('reports through instance B a publication date corrected through instance A', async () => {
    expect((await operatorCall(a, 'PUT', '/api/lifecycle/contracts/published', { namespace: GCD3, published: '2020-01-31' })).status).to.equal(200);
    const versions = (await operatorCall(b, 'GET', '/api/lifecycle/contracts')).json as Array<{ namespace: string; published: string; source: string }>;
    expect(versions.find((v) => v.namespace === GCD3)).to.include({ published: '2020-01-31', source: 'operator' });
  });

  it('answers /status with the adapters and the availability record read from the shared database', async () => {
    const status = (await operatorCall(b, 'GET', '/status')).json as { adapters: { awaitingReceipt: number }; console: { availabilityKeys: number } };
    expect(status.adapters.awaitingReceipt).to.equal(0);
    expect(status.console.availabilityKeys).to.equal(0);
    expect(await a.ctx.use<AdaptersApi>('adapters').deliveries()).to.deep.equal([]);
  });
});
