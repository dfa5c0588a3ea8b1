import { expect } from 'chai';
import { TakError } from '../../src/tak/errors.js';
import { TakService } from '../../src/tak/service.js';
import { openTakStore } from '../../src/tak/open-store.js';
import { emptyWorking } from '../../src/tak/model.js';
import type { DatabaseTarget } from '../../src/store/database-target.js';
import { describeEachStore } from '../support/each-store.js';
import { BOOKING_NS, CARE_UNIT, CONSUMER, PRODUCER, bookingOrder } from './fixtures.js';

const user = 'tester';

const failure = (p: Promise<unknown>): Promise<TakError> => p.then(() => expect.fail('expected a TakError'), (e: TakError) => e);

describeEachStore('TAK store contract', (fresh) => {
  /** Two platform instances on one database: each its own store and connection. */
  let instances: TakService[];
  let closers: Array<() => Promise<void>>;
  const open = (target: DatabaseTarget): TakService => {
    const { store, close } = openTakStore(target, 'ntjp test');
    closers.push(close);
    return new TakService(store);
  };
  beforeEach(async () => {
    closers = [];
    const target = await fresh();
    instances = [open(target), open(target)];
  });
  afterEach(() => Promise.all(closers.map((c) => c())));

  it('starts empty at revision 0 with the two default RIV profiles and no version', async () => {
    const [a] = instances;
    const { revision, data } = await a!.store.readWorking();
    expect(revision).to.equal(0);
    expect(data.rivProfile.map((p) => [p.id, p.name, p.deleted])).to.deep.equal([[1, 'RIVTABP20', false], [2, 'RIVTABP21', false]]);
    expect(data.route).to.deep.equal([]);
    expect(await a!.store.latestVersionId()).to.equal(undefined);
    expect(await a!.store.versions()).to.deep.equal([]);
    expect(await a!.store.pendingCount()).to.equal(0);
  });

  it('publishes the live rows as the next version with its counts, clears the pending marks and bumps the revision', async () => {
    const [a] = instances;
    await a!.order(bookingOrder(), { dryRun: false, user });
    expect(await a!.store.pendingCount()).to.equal(7);
    const before = await a!.store.workingRevision();
    const info = await a!.publish(user, 'first');
    expect(info).to.include({ id: 1, author: user, comment: 'first', routes: 1, permissions: 1 });
    expect(info.size).to.be.greaterThan(100);
    expect(await a!.store.workingRevision()).to.equal(before + 1);
    expect(await a!.store.pendingCount()).to.equal(0);
    const stored = (await a!.store.version(1))!;
    expect(stored.data.route).to.deep.equal([{ id: 1, contractId: 1, logicalAddressId: 1, callAddressId: 1, from: '2026-01-01', to: '2126-01-01' }]);
    expect(stored.data.component.map((c) => c.hsaId)).to.deep.equal([PRODUCER, CONSUMER]);
    expect((await a!.store.versions()).map(({ time: _t, ...v }) => v)).to.deep.equal([{ id: 1, author: user, comment: 'first', size: info.size, routes: 1, permissions: 1 }]);
    expect((await failure(a!.publish(user))).code).to.equal('TAK_ERR_NOTHING_TO_PUBLISH');
    expect((await a!.list('route'))[0]).to.include({ updatedBy: null, updatedTime: null });
    await a!.end('route', 1, 'ender', '2126-01-01');
    expect((await a!.list('route'))[0]).to.include({ updatedBy: 'ender', to: '2126-01-01' });
    expect((await a!.list('component'))[0]).to.include({ updatedBy: null });
    expect(await a!.store.pendingCount()).to.equal(1);
  });

  it('keeps permission filters through a write, a publish and an import', async () => {
    const [a] = instances;
    await a!.order(bookingOrder(), { dryRun: false, user });
    const filters = [{ serviceDomain: 'riv:crm:scheduling', categorizations: ['a', 'b'] }, { serviceDomain: 'riv:clinicalprocess', categorizations: [] }];
    await a!.add('permission', { consumer: PRODUCER, logicalAddress: CARE_UNIT, namespace: BOOKING_NS, from: '2026-01-01', filters }, user);
    await a!.publish(user);
    expect((await a!.list('permission')).map((p) => p.filters)).to.deep.equal([[], filters]);
    await a!.importData((await a!.latest())!.data, user);
    expect((await a!.list('permission')).map((p) => p.filters)).to.deep.equal([[], filters]);
    expect(await a!.store.pendingCount()).to.equal(0);
  });

  it('rolls back to the version before, refusing while changes are pending and when there is no version', async () => {
    const [a] = instances;
    expect((await failure(a!.rollback(user))).message).to.equal('There is no published version to roll back.');
    await a!.order(bookingOrder(), { dryRun: false, user });
    await a!.publish(user, 'one');
    await a!.order(bookingOrder({ date: '2026-06-01', url: 'https://new.example/booking' }), { dryRun: false, user });
    const pending = await a!.store.pendingCount();
    expect((await failure(a!.rollback(user))).message).to.equal(`There are ${pending} pending changes; publish them first (rollback would lose them).`);
    await a!.publish(user, 'two');
    const { removed, active } = await a!.rollback(user);
    expect([removed.id, active?.id]).to.deep.equal([2, 1]);
    expect((await a!.list('route')).map((r) => [r.from, r.to, r.updatedBy])).to.deep.equal([['2026-01-01', '2126-01-01', null]]);
    expect(await a!.store.latestVersionId()).to.equal(1);
    await a!.rollback(user);
    const { data } = await a!.store.readWorking();
    expect([data.route, data.component, data.rivProfile.map((p) => p.name)]).to.deep.equal([[], [], ['RIVTABP20', 'RIVTABP21']]);
    expect(await a!.store.versions()).to.deep.equal([]);
  });

  it('keeps an audit trail, newest first: row changes with their fields, publish and rollback with a sentence', async () => {
    const [a] = instances;
    await a!.add('component', { hsaId: PRODUCER, description: 'Journal' }, user);
    await a!.publish('publisher', 'v1');
    await a!.rollback('roller');
    const audit = (await a!.store.audit(10)).map(({ time: _t, ...e }) => e);
    expect(audit).to.deep.equal([
      { user: 'roller', action: 'rollback', kind: 'version', rowId: 1, summary: 'back to no version' },
      { user: 'publisher', action: 'publish', kind: 'version', rowId: 1, summary: 'v1' },
      { user, action: 'create', kind: 'component', rowId: 1, summary: JSON.stringify({ hsaId: PRODUCER, description: 'Journal', id: 1 }) },
    ]);
    expect(await a!.store.audit(1)).to.have.length(1);
  });

  it('refuses with TAK_ERR_CONFLICT a write based on a revision another instance has changed since', async () => {
    const [a, b] = instances;
    const { revision } = await a!.store.readWorking();
    await b!.add('logicalAddress', { hsaId: 'SE2321000016-OTHER' }, user);
    const err = await failure(a!.store.write({ ...emptyWorking() }, user, revision, () => false));
    expect({ code: err.code, message: err.message }).to.deep.equal({
      code: 'TAK_ERR_CONFLICT',
      message: `The catalogue was changed by someone else meanwhile (revision ${revision} became ${revision + 1}); nothing was written, try again.`,
    });
  });

  it('lets exactly one of two writes from the same revision on two instances at once through, the other refused whole', async () => {
    const [a, b] = instances;
    const { revision, data } = await a!.store.readWorking();
    const row = (hsaId: string, id: number) => ({ ...emptyWorking(), logicalAddress: [{ id, hsaId, description: '', updatedBy: user, updatedTime: 't', deleted: false }] });
    const outcomes = await Promise.allSettled([a!.store.write(row('SE2321000016-A', 1), user, revision, () => true), b!.store.write(row('SE2321000016-B', 2), user, revision, () => true)]);
    expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect(((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason as TakError).code).to.equal('TAK_ERR_CONFLICT');
    expect(data.logicalAddress).to.deep.equal([]);
    expect((await b!.list('logicalAddress')).length).to.equal(1);
    expect(await a!.store.workingRevision()).to.equal(revision + 1);
    expect((await a!.store.audit(10)).length).to.equal(1);
  });

  it('lets one of two publishes on two instances at once win and refuses the other with nothing pending', async () => {
    const [a, b] = instances;
    await a!.order(bookingOrder(), { dryRun: false, user });
    const outcomes = await Promise.allSettled([a!.publish(user, 'a'), b!.publish(user, 'b')]);
    expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect(((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason as TakError).code).to.equal('TAK_ERR_NOTHING_TO_PUBLISH');
    expect((await a!.store.versions()).map((v) => v.id)).to.deep.equal([1]);
  });

  it('shows a version published on one instance to the other instance’s poll, once', async () => {
    const [a, b] = instances;
    let known: number | undefined;
    expect(await b!.newerSnapshot(() => known)).to.equal(undefined);
    await a!.order(bookingOrder(), { dryRun: false, user });
    await a!.publish(user, 'from a');
    const seen = (await b!.newerSnapshot(() => known))!;
    expect([seen.version, seen.routes.map((r) => r.url)]).to.deep.equal([1, ['https://journal.example:8443/booking']]);
    known = seen.version;
    expect(await b!.newerSnapshot(() => known)).to.equal(undefined);
  });

  it('replaces every row by an import in one step, pending where it differs from the latest version', async () => {
    const [a, b] = instances;
    await a!.order(bookingOrder(), { dryRun: false, user });
    await a!.publish(user);
    const data = (await a!.latest())!.data;
    await b!.importData({ ...data, route: [] }, 'importer');
    expect(await a!.store.pendingCount()).to.equal(1);
    expect((await a!.list('route', { includeDeleted: true })).map((r) => [r.id, r.deleted, r.updatedBy])).to.deep.equal([[1, true, 'importer']]);
    expect((await a!.store.audit(1))[0]).to.include({ user: 'importer', action: 'import', kind: 'catalogue', summary: 'component: 2, contract: 1, logicalAddress: 1, rivProfile: 2, callAddress: 1, route: 0, permission: 1, hsaUnit: 0, formatMapping: 0' });
  });
});
