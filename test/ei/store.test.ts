import { expect } from 'chai';
import { describeEachStore } from '../support/each-store.js';
import { engagementKey } from '../../src/ei/engagement-key.js';
import type { Engagement, EngagementTransaction } from '../../src/ei/fields.js';
import type { EiStore, IngestRequest, KeyedTransaction, TransactionKind } from '../../src/ei/store.js';
import { engagement, EI_HSA_ID, PATIENT } from './fixtures.js';
import { openStoreOn, type OpenStore } from './stores.js';

const DOMAIN = 'riv:clinicalprocess:healthcond:description';
const NOW = new Date(2026, 0, 2, 3, 4, 5);
const OTHER_EI = 'SE2321000016-EI2';
/** outbox times are ms from the request's time */
const T = NOW.getTime();

const tx = (e: Engagement, deleteFlag = false): KeyedTransaction => ({ deleteFlag, engagement: e, key: engagementKey(e) });
const own = (over: Partial<Engagement> = {}): Engagement => engagement({ owner: EI_HSA_ID, ...over });

/** A request notifying one subscriber of every change, its payload naming what changed. */
function request(kind: TransactionKind, transactions: KeyedTransaction[], correlationId = 'c-1', now = NOW): IngestRequest {
  return {
    kind, transactions, correlationId, ownHsaId: EI_HSA_ID, now,
    notify: (changed: readonly EngagementTransaction[]) => [{ subscriber: 'SUB', payload: JSON.stringify(changed), transactions: changed.length }],
  };
}

describeEachStore('EI store contract', (fresh) => {
  let open: OpenStore;
  let store: EiStore;
  beforeEach(async function () {
    this.timeout(30_000);
    open = await openStoreOn(await fresh());
    store = open.store;
  });
  afterEach(() => open.close());

  const find = () => store.find({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN });

  it('inserts new keys with creationTime now, changes only mostRecentContent of known ones, deletes, and counts', async () => {
    expect(await store.accept(request('update', [tx(own({ businessObjectInstanceIdentifier: 'a' })), tx(own({ businessObjectInstanceIdentifier: 'b' }))]))).to.deep.equal(['SUB']);
    const later = new Date(2026, 0, 3, 0, 0, 0);
    expect(await store.accept(request('update', [tx(own({ businessObjectInstanceIdentifier: 'a', mostRecentContent: '20260101000000' }))], 'c-2', later))).to.deep.equal(['SUB']);
    expect(await store.accept(request('update', [tx(own({ businessObjectInstanceIdentifier: 'a', mostRecentContent: '20260101000000' }))], 'c-3', later)), 'nothing changed, nobody notified').to.deep.equal([]);
    expect(await store.accept(request('update', [tx(own({ businessObjectInstanceIdentifier: 'b' }), true), tx(own({ businessObjectInstanceIdentifier: 'never' }), true)], 'c-4'))).to.deep.equal(['SUB']);
    const found = await find();
    expect(found).to.have.length(1);
    expect(found[0]).to.include({ businessObjectInstanceIdentifier: 'a', mostRecentContent: '20260101000000', creationTime: '20260102030405', updateTime: '20260103000000', owner: EI_HSA_ID });
    expect(await store.counts()).to.deep.equal([{ serviceDomain: DOMAIN, sourceSystem: found[0]!.sourceSystem, engagements: 1 }]);
    expect(await store.outbox.pendingSubscribers()).to.deep.equal(['SUB']);
    expect(await store.outbox.counts()).to.deep.equal([{ subscriber: 'SUB', pending: 3, dead: 0 }]);
  });

  it('reports each change as stored: new with creationTime, changed with updateTime, deleted with the stored creationTime', async () => {
    const notified: EngagementTransaction[][] = [];
    const keep = (r: IngestRequest): IngestRequest => ({ ...r, notify: (changed) => (notified.push([...changed]), r.notify(changed)) });
    await store.accept(keep(request('update', [tx(own())])));
    await store.accept(keep(request('update', [tx(own({ mostRecentContent: '20250101000000' }))], 'c-2', new Date(2026, 0, 5))));
    await store.accept(keep(request('update', [tx(own(), true)], 'c-3', new Date(2026, 0, 6))));
    expect(notified.map((n) => n.map((t) => [t.deleteFlag, t.engagement.creationTime, t.engagement.updateTime ?? null]))).to.deep.equal([
      [[false, '20260102030405', null]],
      [[false, '20260102030405', '20260105000000']],
      [[true, '20260102030405', null]],
    ]);
  });

  it('a notification about another EI\'s engagement replaces this EI\'s own copy of it (R5), counters included', async () => {
    await store.accept(request('update', [tx(own())]));
    await store.accept(request('notification', [tx(engagement({ owner: OTHER_EI }))], 'c-2'));
    expect((await find()).map((e) => e.owner)).to.deep.equal([OTHER_EI]);
    expect((await store.counts()).map((c) => c.engagements)).to.deep.equal([1]);
  });

  it('finds by every given field, mostRecentContent as at or after', async () => {
    await store.accept(request('update', [
      tx(own({ businessObjectInstanceIdentifier: 'old', mostRecentContent: '20200101000000' })),
      tx(own({ businessObjectInstanceIdentifier: 'new', mostRecentContent: '20250101000000', categorization: 'dia' })),
    ]));
    const by = (over: Record<string, string>) => store.find({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN, ...over });
    expect((await by({ mostRecentContent: '20240101000000' })).map((e) => e.businessObjectInstanceIdentifier)).to.deep.equal(['new']);
    expect((await by({ categorization: 'dia' })).map((e) => e.businessObjectInstanceIdentifier)).to.deep.equal(['new']);
    expect(await by({ sourceSystem: 'nobody' })).to.deep.equal([]);
  });

  it('a request is all or nothing: when queuing its notification fails, none of its engagements is stored', async () => {
    const failing: IngestRequest = { ...request('update', [tx(own())]), notify: () => { throw new Error('no outbox today'); } };
    const refused = await store.accept(failing).catch((e: Error) => e.message);
    expect(refused).to.equal('no outbox today');
    expect(await find()).to.deep.equal([]);
    expect(await store.counts()).to.deep.equal([]);
  });

  it('keeps requests while writes are locked and while older held ones wait, and applies them in arrival order', async () => {
    await store.setWriteLock(true);
    expect(await store.writeLocked()).to.equal(true);
    expect(await store.accept(request('update', [tx(own({ mostRecentContent: '20200101000000' }))], 'first'))).to.equal('held');
    expect(await store.accept(request('update', [tx(own({ mostRecentContent: '20210101000000' }))], 'second'))).to.equal('held');
    expect(await store.heldRequests()).to.equal(2);
    const asRequest = (h: { kind: TransactionKind; transactions: EngagementTransaction[]; correlationId: string }) => request(h.kind, h.transactions.map((t) => tx(t.engagement, t.deleteFlag)), h.correlationId);
    expect(await store.applyNextHeld(asRequest), 'nothing applies while locked').to.equal(undefined);
    await store.setWriteLock(false);
    expect(await store.accept(request('update', [tx(own({ mostRecentContent: '20220101000000' }))], 'third')), 'behind the held ones').to.equal('held');
    const applied: string[][] = [];
    for (let n = await store.applyNextHeld(asRequest); n; n = await store.applyNextHeld(asRequest)) applied.push(n);
    expect(applied).to.deep.equal([['SUB'], ['SUB'], ['SUB']]);
    expect(await store.heldRequests()).to.equal(0);
    expect((await find())[0]!.mostRecentContent).to.equal('20220101000000');
  });

  describe('outbox', () => {
    const queue = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) await store.accept(request('update', [tx(own({ businessObjectInstanceIdentifier: `m${i}` }))], `m${i}`));
    };

    it('leases only the head of a subscriber\'s queue, to one owner at a time, until the lease expires', async () => {
      await queue(2);
      const first = await store.outbox.lease('SUB', 'A', T + 1000, T + 5000);
      expect(first).to.include({ correlationId: 'm0', leaseOwner: 'A', leaseUntil: T + 5000 });
      expect(await store.outbox.lease('SUB', 'B', T + 2000, T + 6000), 'held by A, and m1 waits behind it').to.equal(undefined);
      expect(await store.outbox.head('SUB')).to.include({ correlationId: 'm0', leaseOwner: 'A' });
      const taken = await store.outbox.lease('SUB', 'B', T + 5000, T + 9000);
      expect(taken, 'A\'s lease expired').to.include({ id: first!.id, leaseOwner: 'B' });
      expect(await store.outbox.delivered(first!.id, 'A'), 'A lost it').to.equal(false);
      expect(await store.outbox.delivered(first!.id, 'B')).to.equal(true);
      expect(await store.outbox.lease('SUB', 'A', T + 5000, T + 9000)).to.include({ correlationId: 'm1' });
    });

    it('records a failure for a later retry, dead-letters, and redelivers, each ending the lease', async () => {
      await queue(1);
      const m = (await store.outbox.lease('SUB', 'A', T + 1000, T + 60_000))!;
      await store.outbox.failed(m.id, 'A', 'HTTP 500', T + 3000);
      expect(await store.outbox.head('SUB')).to.include({ attempts: 1, nextAttemptAt: T + 3000, lastError: 'HTTP 500', leaseOwner: null, leaseUntil: null });
      expect(await store.outbox.lease('SUB', 'A', T + 2000, T + 60_000), 'not due before T + 3000').to.equal(undefined);
      await store.outbox.lease('SUB', 'A', T + 3000, T + 60_000);
      await store.outbox.dead(m.id, 'A', 'gave up', T + 4000);
      expect(await store.outbox.head('SUB')).to.equal(undefined);
      expect((await store.outbox.deadLetters()).map((d) => [d.id, d.attempts, d.lastError, d.deadAt])).to.deep.equal([[m.id, 2, 'gave up', T + 4000]]);
      expect(await store.outbox.counts()).to.deep.equal([{ subscriber: 'SUB', pending: 0, dead: 1 }]);
      expect(await store.outbox.redeliver([m.id], T + 5000)).to.deep.equal({ messages: 1, subscribers: ['SUB'] });
      expect(await store.outbox.head('SUB')).to.include({ id: m.id, attempts: 0, nextAttemptAt: T + 5000, deadAt: null });
    });

    it('gives a released message to the next notifier at once', async () => {
      await queue(1);
      const m = (await store.outbox.lease('SUB', 'A', T + 1000, T + 60_000))!;
      await store.outbox.release(m.id, 'A');
      expect(await store.outbox.lease('SUB', 'B', T + 1001, T + 60_000)).to.include({ id: m.id, leaseOwner: 'B' });
    });

    it('hands the head to exactly one of many notifiers asking at the same moment', async () => {
      await queue(1);
      const owners = Array.from({ length: 8 }, (_, i) => `N${i}`);
      const got = await Promise.all(owners.map((o) => store.outbox.lease('SUB', o, T + 1000, T + 60_000)));
      expect(got.filter((g) => g !== undefined)).to.have.length(1);
    });
  });
});
