import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TakError } from '../../src/tak/errors.js';
import { OffThreadTakService } from '../../src/tak/off-thread-service.js';
import { SqliteTakStore } from '../../src/tak/store-sqlite.js';
import { PgTakStore } from '../../src/tak/store-postgres.js';
import { openPostgres, type PgPool } from '../../src/store/postgres.js';
import { testDatabaseOrSkip } from '../support/postgres.js';
import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import type { TakService } from '../../src/tak/service.js';
import { packSlice, unpackSlice } from '../../src/tak/packed-slice.js';
import { bookingOrder, tempService } from './fixtures.js';

const user = 'tester';

/** `units` care units × 2 contracts: as many routes and permissions as `2 × units`, plus units addresses. */
function unitsOrder(units: number, date = '2026-01-01'): Record<string, unknown> {
  const contracts = ['urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1', 'urn:riv:crm:scheduling:MakeBookingResponder:1'];
  const pairs = Array.from({ length: units }, (_v, i) => `SE2321000016-U${String(i).padStart(5, '0')}`).flatMap((u) => contracts.map((ns) => [u, ns] as const));
  return {
    genomforandeTidpunkt: date,
    inkludera: {
      tjanstekontrakt: contracts.map((namnrymd) => ({ namnrymd })),
      logiskadresser: pairs.filter((_p, i) => i % 2 === 0).map(([hsaId]) => ({ hsaId })),
      tjanstekomponenter: [{ hsaId: 'SE2321000016-PROD' }, { hsaId: 'SE2321000016-KONS' }],
      anropsbehorigheter: pairs.map(([u, ns]) => ({ logiskAdress: u, tjanstekontrakt: ns, tjanstekonsument: 'SE2321000016-KONS' })),
      vagval: pairs.map(([u, ns], i) => ({ adress: `https://producer${i % 7}.example/vp`, logiskAdress: u, tjanstekontrakt: ns, rivtaprofil: 'RIVTABP21', tjanstekomponent: 'SE2321000016-PROD' })),
    },
    exkludera: {},
  };
}

/** The same catalogue twice: the service as before (main thread) and the one that runs jobs in a worker. */
function twoServices(): { inThread: ReturnType<typeof tempService>; worker: ReturnType<typeof tempService> & { service: OffThreadTakService }; close(): Promise<void> } {
  const inThread = tempService();
  const plain = tempService();
  const worker = { ...plain, service: new OffThreadTakService(new SqliteTakStore(plain.db), { kind: 'sqlite', file: join(plain.dir, 'ntjp.db') }) };
  return {
    inThread,
    worker,
    async close() {
      await worker.service.close();
      inThread.close();
      plain.close();
    },
  };
}

/** Working rows without the time of the change (each service stamps its own clock). */
async function rows(service: TakService): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const kind of ['component', 'contract', 'logicalAddress', 'callAddress', 'route', 'permission'] as const) {
    out.push(...(await service.list(kind, { includeDeleted: true })).map(({ updatedTime: _t, ...r }) => ({ kind, ...r })));
  }
  return out;
}

const failure = (p: Promise<unknown>): Promise<TakError> => p.then(() => expect.fail('expected a TakError'), (e: TakError) => e);

describe('TAK jobs in a worker thread', () => {
  let s: ReturnType<typeof twoServices>;
  beforeEach(() => (s = twoServices()));
  afterEach(async () => s.close());

  it('reports a dry run and an apply exactly as the main thread does, and writes the same rows', async () => {
    for (const dryRun of [true, false]) {
      const expected = await s.inThread.service.order(unitsOrder(1500), { dryRun, user });
      expect(await s.worker.service.order(unitsOrder(1500), { dryRun, user })).to.deep.equal(expected);
    }
    const moved = bookingOrder({ date: '2026-06-01', url: 'https://new.example/booking' });
    await s.inThread.service.order(bookingOrder(), { dryRun: false, user });
    await s.worker.service.order(bookingOrder(), { dryRun: false, user });
    expect(await s.worker.service.order(moved, { dryRun: false, user })).to.deep.equal(await s.inThread.service.order(moved, { dryRun: false, user }));
    expect(await rows(s.worker.service)).to.deep.equal(await rows(s.inThread.service));
    expect(await s.worker.service.store.pendingCount()).to.equal(await s.inThread.service.store.pendingCount());
  });

  it('publishes the same version data, switches listeners to the same snapshot and diffs the same', async () => {
    const seen: CatalogueSnapshot[][] = [[], []];
    const services = [s.inThread.service, s.worker.service];
    services.forEach((service, i) => service.onChange((snapshot) => void seen[i]!.push(snapshot)));
    for (const service of services) {
      await service.order(unitsOrder(1500), { dryRun: false, user });
      await service.publish(user, 'first');
      await service.order(bookingOrder(), { dryRun: false, user });
      await service.publish(user, 'second');
    }
    const [expected, actual] = await Promise.all(services.map(async (service) => ({ versions: (await service.versions()).map(({ time: _t, ...v }) => v), data: (await service.version(2)).data, diff: await service.diff(2) })));
    expect(actual).to.deep.equal(expected);
    const withoutTime = (list: CatalogueSnapshot[]): unknown[] => list.map(({ publishedAt: _p, ...snapshot }) => snapshot);
    expect(seen[1]!.map((snap) => snap.routes.length)).to.deep.equal([3000, 3001]);
    expect(withoutTime(seen[1]!)).to.deep.equal(withoutTime(seen[0]!));
    expect((await s.worker.service.latestSnapshot())!.routes).to.deep.equal(seen[0]![1]!.routes);
  });

  it('keeps a failing order all or nothing: every problem named, no row, no audit entry, nothing pending', async () => {
    const order = unitsOrder(200) as { inkludera: Record<string, unknown[]> };
    order.inkludera.tjanstekomponenter = [];
    const expected = await failure(s.inThread.service.order(order, { dryRun: false, user }));
    const err = await failure(s.worker.service.order(order, { dryRun: false, user }));
    expect(err).to.be.instanceOf(TakError);
    expect({ code: err.code, status: err.status, message: err.message, problems: err.problems }).to.deep.equal({ code: expected.code, status: expected.status, message: expected.message, problems: expected.problems });
    expect(err.problems).to.have.length(800);
    expect(err.message).to.equal(`The change is invalid: inkludera.anropsbehorigheter[0]: tjanstekonsument 'SE2321000016-KONS' does not exist in the order or the catalogue; inkludera.anropsbehorigheter[1]: tjanstekonsument 'SE2321000016-KONS' does not exist in the order or the catalogue; inkludera.anropsbehorigheter[2]: tjanstekonsument 'SE2321000016-KONS' does not exist in the order or the catalogue; … (800 problems)`);
    expect(await rows(s.worker.service)).to.deep.equal([]);
    expect(await s.worker.service.store.audit(10)).to.deep.equal([]);
    expect(await s.worker.service.store.pendingCount()).to.equal(0);
  });

  it('refuses a publish with nothing pending, a malformed end date and an unknown row with the same codes and texts', async () => {
    expect((await failure(s.worker.service.publish(user))).message).to.equal('There are no pending changes to publish.');
    await s.worker.service.order(bookingOrder(), { dryRun: false, user });
    const [route] = await s.worker.service.list('route');
    expect((await failure(s.worker.service.end('route', route!.id, user, 'soon'))).message).to.equal("Malformed input: to: 'soon' is not a date (YYYY-MM-DD)");
    expect((await failure(s.worker.service.remove('route', 999, user))).code).to.equal('TAK_ERR_NOT_FOUND');
  });

  it('fails a job whose worker stops midway with TAK_ERR_INTERNAL, leaves the catalogue as it was, and starts a new worker for the next job', async () => {
    await s.worker.service.order(bookingOrder(), { dryRun: false, user });
    const running = s.worker.service.order(unitsOrder(3000), { dryRun: false, user });
    await s.worker.service.jobs.close();
    const err = await failure(running);
    expect({ code: err.code, status: err.status, message: err.message }).to.deep.equal({ code: 'TAK_ERR_INTERNAL', status: 500, message: 'the catalogue worker stopped (exit code 1); the job was not done' });
    expect((await s.worker.service.list('route')).length).to.equal(1);
    expect((await s.worker.service.order(unitsOrder(10), { dryRun: false, user })).counts['create route']).to.equal(20);
    expect((await s.worker.service.list('route')).length).to.equal(21);
  });

  it('sends a slice of rows with each repeated value once and gets back the same rows', () => {
    const rows = [
      { hsaId: 'SE2321000016-A', parent: 'SE2321000016-ROOT' },
      { hsaId: 'SE2321000016-ROOT' },
      { id: 1, to: '2126-01-01', filters: [{ serviceDomain: 'riv:clinicalprocess', categorizations: ['voo'] }], note: null, gone: undefined },
      { id: 2, to: '2126-01-01', filters: [], note: null, gone: undefined },
    ];
    const packed = packSlice(rows);
    expect(packed.shapes).to.have.length(3);
    expect(packed.values.filter((v) => v === '2126-01-01')).to.have.length(1);
    expect(unpackSlice(packed)).to.deep.equal(rows);
  });

  it('fails a job with TAK_ERR_INTERNAL naming the cause when the worker cannot open the database', async () => {
    const notAFolder = join(s.worker.dir, 'file');
    writeFileSync(notAFolder, '');
    const broken = new OffThreadTakService(s.worker.service.store, { kind: 'sqlite', file: join(notAFolder, 'ntjp.db') });
    try {
      const err = await failure(broken.publish(user));
      expect(err.code).to.equal('TAK_ERR_INTERNAL');
      expect(err.message).to.equal(`the catalogue worker failed: EEXIST: file already exists, mkdir '${notAFolder}'; the job was not done`);
    } finally {
      await broken.close();
    }
  });
});

describe('TAK jobs in a worker thread on PostgreSQL', function () {
  this.timeout(60_000);
  let pool: PgPool;
  let service: OffThreadTakService;
  beforeEach(async function () {
    const url = await testDatabaseOrSkip(this);
    pool = openPostgres(url);
    service = new OffThreadTakService(new PgTakStore(pool), { kind: 'postgres', url });
  });
  afterEach(async () => {
    await service?.close();
    await pool?.end();
  });

  it('applies an order and publishes in the worker on the same database the main thread reads', async () => {
    const seen: CatalogueSnapshot[] = [];
    service.onChange((snapshot) => void seen.push(snapshot));
    const report = await service.order(unitsOrder(1500), { dryRun: false, user });
    expect(report.counts['create route']).to.equal(3000);
    expect(report.changes).to.have.length(1500 + 3000 + 3000 + 2 + 2 + 7);
    expect((await service.list('route')).length).to.equal(3000);
    const info = await service.publish(user, 'in the worker');
    expect(info).to.include({ id: 1, routes: 3000, permissions: 3000 });
    expect(seen.map((s) => [s.version, s.routes.length])).to.deep.equal([[1, 3000]]);
    expect((await service.latestSnapshot())!.routes).to.deep.equal(seen[0]!.routes);
    expect(await service.store.pendingCount()).to.equal(0);
  });

  it('keeps a failing order all or nothing: no row, no audit entry, nothing pending', async () => {
    const order = unitsOrder(200) as { inkludera: Record<string, unknown[]> };
    order.inkludera.tjanstekomponenter = [];
    const err = await failure(service.order(order, { dryRun: false, user }));
    expect([err.code, err.problems.length]).to.deep.equal(['TAK_ERR_VALIDATION', 800]);
    expect(await rows(service)).to.deep.equal([]);
    expect(await service.store.audit(10)).to.deep.equal([]);
  });

  it('fails a job with TAK_ERR_INTERNAL naming the cause when the worker cannot reach the database', async () => {
    const broken = new OffThreadTakService(service.store, { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const err = await failure(broken.publish(user));
      expect({ code: err.code, message: err.message }).to.deep.equal({ code: 'TAK_ERR_INTERNAL', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    } finally {
      await broken.close();
    }
  });
});
