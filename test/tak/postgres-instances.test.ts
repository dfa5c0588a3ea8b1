import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command } from '../../src/cli/commands/tak.js';
import { runCli } from '../support/run-cli.js';
import { testDatabaseOrSkip } from '../support/postgres.js';
import { CARE_UNIT, bookingOrder } from './fixtures.js';
import { own, startTakPlatform, type TakPlatform } from './platform-fixture.js';

/** Waits (bounded, 2 s) until the instance routes from the version; how long it took in ms. */
async function routesFrom(t: TakPlatform, version: number): Promise<number> {
  const t0 = Date.now();
  for (let i = 0; i < 100 && t.platform.ctx.catalogue.current()?.version !== version; i++) await new Promise((r) => setTimeout(r, 20));
  expect(t.platform.ctx.catalogue.current()?.version, `version active within 2 s`).to.equal(version);
  return Date.now() - t0;
}

describe('two platform instances on one PostgreSQL catalogue', function () {
  this.timeout(60_000);
  let url: string;
  let a: TakPlatform;
  let b: TakPlatform;

  beforeEach(async function () {
    url = await testDatabaseOrSkip(this);
    // One after the other: the first publishes the built-in services' routes (to the instance-neutral origin), the second finds them.
    a = await startTakPlatform({ settings: { 'platform.database': url, 'platform.instanceId': 'NTJP-A' } });
    b = await startTakPlatform({ settings: { 'platform.database': url, 'platform.instanceId': 'NTJP-B' } });
    await routesFrom(a, b.platform.ctx.catalogue.current()!.version);
  });

  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  it('keeps the catalogue on PostgreSQL: the instances share one version list and nothing is written to the local SQLite file', async () => {
    const versions = (await a.api('GET', '/api/tak/versions')).json;
    expect((await b.api('GET', '/api/tak/versions')).json).to.deep.equal(versions);
    expect(versions.length).to.equal(1);
    const local = a.platform.ctx.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'tak_%'").get() as { n: number };
    expect(local.n).to.equal(0);
  });

  it('routes on the other instance from a version published through one instance’s REST API within 2 s', async () => {
    expect((await a.api('POST', '/api/tak/orders', bookingOrder())).status).to.equal(201);
    const published = await a.api('POST', '/api/tak/publish', { comment: 'through A' });
    expect(published.status).to.equal(201);
    await routesFrom(b, published.json.id);
    expect(own(b.platform.ctx.catalogue.current()!.routes).map((r) => [r.logicalAddress, r.url])).to.deep.equal([[CARE_UNIT, 'https://journal.example:8443/booking']]);
  });

  it('routes on both instances from a version published with ntjp tak --database', async () => {
    const file = join(a.dir, 'order.json');
    writeFileSync(file, JSON.stringify(bookingOrder({ url: 'https://cli.example/booking' })));
    expect((await runCli(command, ['order', file, '--database', url, '--user', 'cli'])).code).to.equal(0);
    const published = JSON.parse((await runCli(command, ['publish', '--database', url, '--user', 'cli'])).out) as { id: number };
    await Promise.all([routesFrom(a, published.id), routesFrom(b, published.id)]);
    expect(own(a.platform.ctx.catalogue.current()!.routes).map((r) => r.url)).to.deep.equal(['https://cli.example/booking']);
  });

  it('serializes catalogue writes from both instances at once: one publish wins, the other is refused with nothing pending', async () => {
    await a.api('POST', '/api/tak/orders', bookingOrder());
    const answers = await Promise.all([a.api('POST', '/api/tak/publish', {}), b.api('POST', '/api/tak/publish', {})]);
    expect(answers.map((r) => r.status).sort()).to.deep.equal([201, 409]);
    expect(answers.find((r) => r.status === 409)!.json.code).to.equal('TAK_ERR_NOTHING_TO_PUBLISH');
    expect((await a.api('GET', '/api/tak/versions')).json.length).to.equal(2);
  });
});

describe('two platform instances starting at once on one empty PostgreSQL catalogue', function () {
  this.timeout(90_000);

  it('starts both, sharing the one version of built-in service routes the first published, three times out of three', async function () {
    for (let round = 0; round < 3; round++) {
      const url = await testDatabaseOrSkip(this);
      const started = await Promise.allSettled(['NTJP-A', 'NTJP-B'].map((id) => startTakPlatform({ settings: { 'platform.database': url, 'platform.instanceId': id } })));
      const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        expect(started.map((s) => (s.status === 'fulfilled' ? 'started' : String(s.reason)))).to.deep.equal(['started', 'started']);
        const versions = (await up[0]!.api('GET', '/api/tak/versions')).json as Array<{ id: number; author: string; comment: string }>;
        expect(versions.map((v) => [v.id, v.author, v.comment])).to.deep.equal([[1, 'platform', 'routes of the built-in services']]);
        await Promise.all(up.map((t) => routesFrom(t, 1)));
      } finally {
        await Promise.all(up.map((t) => t.close()));
      }
    }
  });
});
