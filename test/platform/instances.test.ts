import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { PLATFORM_SERVICES_ORIGIN } from '../../src/platform/soap-server.js';
import { EI_NS } from '../../src/ei/index.js';
import { command as takCommand } from '../../src/cli/commands/tak.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { testIdentity } from '../support/platform.js';
import { runCli } from '../support/run-cli.js';
import { adminApi, type AdminApi } from '../tak/platform-fixture.js';
import { EI_HSA_ID, engagement, findContentRequest, foundEngagements, resultCode, updateRequest } from '../ei/fixtures.js';
import { consumerRouteOrder, sqliteDatabase, startInstances, type ServeInstance } from '../support/instances.js';
import { testDatabaseOrSkip } from '../support/postgres.js';

interface SharedDatabase {
  database: string;
  remove(): void;
}

/** The databases two instances share: one SQLite file (processes of one machine) and one PostgreSQL database. */
const DATABASES: Array<{ name: string; open(ctx: Mocha.Context): Promise<SharedDatabase> }> = [
  { name: 'one SQLite file', open: async () => sqliteDatabase() },
  { name: 'one PostgreSQL database', open: async (ctx) => ({ database: await testDatabaseOrSkip(ctx), remove: () => undefined }) },
];

/** The bound the acceptance sets: a publish through either instance routes on both within 2 s. */
const PUBLISH_REACHES_BOTH_MS = 2000;
const POLL_EVERY_MS = 50;
const EDITS_PER_INSTANCE = 6;
const MAX_ATTEMPTS_PER_EDIT = 20;

const REST_UNIT = 'SE2321000016-REST';
const CLI_UNIT = 'SE2321000016-CLI1';

/** The consumer may call the engagement index's Update and FindContent at the platform's address. */
const eiPermissionOrder = {
  plattform: 'NTJP-TEST', genomforandeTidpunkt: '2020-01-01', utforare: 'test',
  inkludera: {
    tjanstekontrakt: [], logiskadresser: [], tjanstekomponenter: [{ hsaId: HSA.consumer, beskrivning: 'consumer' }], vagval: [],
    anropsbehorigheter: [EI_NS.update, EI_NS.findContent].map((ns) => ({ logiskAdress: EI_HSA_ID, tjanstekontrakt: ns, tjanstekonsument: HSA.consumer })),
  },
  exkludera: { anropsbehorigheter: [], vagval: [] },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const db of DATABASES) {
  describe(`platform: two instances on ${db.name}`, function () {
    this.timeout(120_000);
    let shared: SharedDatabase | undefined;
    let a: ServeInstance;
    let b: ServeInstance;
    let apiA: AdminApi;
    let apiB: AdminApi;
    let producer: TestProducer;
    let consumer: Agent;
    let dir = '';

    const call = (instance: ServeInstance, envelope: string): Promise<SoapAnswer> => postSoap({ url: instance.hubHttpsUrl, body: envelope, dispatcher: consumer, timeoutMs: 10_000 });

    /** Milliseconds from now until a call to `unit` through the instance routes (200), or Infinity after the bound. */
    async function msUntilRouted(instance: ServeInstance, unit: string, startedAt: number): Promise<number> {
      while (Date.now() - startedAt <= PUBLISH_REACHES_BOTH_MS) {
        if ((await call(instance, rivCall(unit))).status === 200) return Date.now() - startedAt;
        await sleep(POLL_EVERY_MS);
      }
      return Infinity;
    }

    before(async function () {
      shared = await db.open(this);
      dir = mkdtempSync(join(tmpdir(), 'ntjp-instances-'));
      producer = await startProducer();
      const id = testIdentity(HSA.consumer);
      consumer = new Agent({ connect: { cert: id.cert, key: id.key, ca: id.ca } });
      // Together: both create the schema and race to publish the built-in routes.
      [a, b] = await startInstances(['NTJP-A', 'NTJP-B'].map((instanceId) => ({ instanceId, database: shared!.database })));
      apiA = adminApi(a.adminUrl);
      apiB = adminApi(b.adminUrl);
    });

    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await consumer?.close();
      await producer?.close();
      shared?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('shares one set of built-in routes that names no instance, published once by two instances started together', async () => {
      const versions = await apiB('GET', '/api/tak/versions');
      expect(versions.json.map((v: { author: string; comment: string }) => [v.author, v.comment])).to.deep.equal([['platform', 'routes of the built-in services']]);
      const snapshot = await apiB('GET', '/api/tak/snapshot');
      const builtin = snapshot.json.routes.filter((r: { logicalAddress: string }) => r.logicalAddress === EI_HSA_ID);
      expect(builtin.length).to.be.greaterThan(0);
      expect(builtin.filter((r: { url: string }) => !r.url.startsWith(PLATFORM_SERVICES_ORIGIN + '/'))).to.deep.equal([]);
    });

    it('routes a version published through one instance\'s REST API on both instances within 2 s', async () => {
      expect((await apiA('POST', '/api/tak/orders', consumerRouteOrder(REST_UNIT, producer.url))).status).to.equal(201);
      expect((await apiA('POST', '/api/tak/publish', { comment: 'through A' })).status).to.equal(201);
      const publishedAt = Date.now();
      const [onA, onB] = await Promise.all([msUntilRouted(a, REST_UNIT, publishedAt), msUntilRouted(b, REST_UNIT, publishedAt)]);
      expect({ onA: onA <= PUBLISH_REACHES_BOTH_MS, onB: onB <= PUBLISH_REACHES_BOTH_MS }, `routed after ${onA} ms on A, ${onB} ms on B`).to.deep.equal({ onA: true, onB: true });
    });

    it('routes a version published with the CLI on the shared database on both instances within 2 s', async () => {
      const file = join(dir, 'order.json');
      writeFileSync(file, JSON.stringify(consumerRouteOrder(CLI_UNIT, producer.url)));
      expect((await runCli(takCommand, ['order', file, '--database', shared!.database, '--user', 'cli'])).code).to.equal(0);
      expect((await runCli(takCommand, ['publish', '--comment', 'from the CLI', '--database', shared!.database, '--user', 'cli'])).code).to.equal(0);
      const publishedAt = Date.now();
      const [onA, onB] = await Promise.all([msUntilRouted(a, CLI_UNIT, publishedAt), msUntilRouted(b, CLI_UNIT, publishedAt)]);
      expect({ onA: onA <= PUBLISH_REACHES_BOTH_MS, onB: onB <= PUBLISH_REACHES_BOTH_MS }, `routed after ${onA} ms on A, ${onB} ms on B`).to.deep.equal({ onA: true, onB: true });
    });

    it('serializes catalogue edits made through both instances at once: a loser gets TAK_ERR_CONFLICT, tries again, and no edit is lost', async () => {
      const conflicts: unknown[] = [];
      const add = async (api: AdminApi, hsaId: string): Promise<number> => {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS_PER_EDIT; attempt++) {
          const answer = await api('POST', '/api/tak/logical-addresses', { hsaId, description: 'added at once' });
          if (answer.status !== 409) return answer.status;
          conflicts.push(answer.json.code);
        }
        return 409;
      };
      const units = (instance: string) => Array.from({ length: EDITS_PER_INSTANCE }, (_, i) => `SE2321000016-${instance}${i}`);
      const statuses = await Promise.all([...units('EA').map((u) => add(apiA, u)), ...units('EB').map((u) => add(apiB, u))]);
      expect(statuses).to.deep.equal(Array(2 * EDITS_PER_INSTANCE).fill(201));
      expect([...new Set(conflicts)]).to.deep.oneOf([[], ['TAK_ERR_CONFLICT']]);
      for (const api of [apiA, apiB]) {
        const listed = (await api('GET', '/api/tak/logical-addresses')).json.map((r: { hsaId: string }) => r.hsaId);
        expect(listed).to.include.members([...units('EA'), ...units('EB')]);
      }
    });

    it('finds an engagement stored by an EI Update through one instance with FindContent through the other at once', async () => {
      expect((await apiA('POST', '/api/tak/orders', eiPermissionOrder)).status).to.equal(201);
      expect((await apiA('POST', '/api/tak/publish', { comment: 'EI permissions' })).status).to.equal(201);
      const publishedAt = Date.now();
      const mine = engagement({ businessObjectInstanceIdentifier: 'stored-through-A' });
      const query = findContentRequest({ registeredResidentIdentification: mine.registeredResidentIdentification, serviceDomain: mine.serviceDomain });
      // Both hubs must have switched to the version with the permissions before the calls count.
      for (const instance of [a, b]) {
        while ((await call(instance, query)).status !== 200 && Date.now() - publishedAt <= PUBLISH_REACHES_BOTH_MS) await sleep(POLL_EVERY_MS);
      }
      expect(foundEngagements(await call(b, query))).to.deep.equal([]);
      const update = await call(a, updateRequest([{ engagement: mine }]));
      expect(resultCode(update), update.body).to.equal('OK');
      const found = await call(b, query);
      expect(found.status, found.body).to.equal(200);
      expect(foundEngagements(found).map((e) => e.businessObjectInstanceIdentifier)).to.deep.equal(['stored-through-A']);
    });
  });
}
