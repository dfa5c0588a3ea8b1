import { expect } from 'chai';
import type { DeliveryClaim } from '../../src/adapters/delivery-store.js';
import { openDeliveryStore } from '../../src/adapters/open-delivery-store.js';
import { describeEachStore } from '../support/each-store.js';
import { hostsOf } from '../support/store-host.js';

const CLAIM: DeliveryClaim = { correlationId: 'corr-1', format: 'SHS', receiver: 'urn:x-shs:2021000001', namespace: 'urn:riv:test:DoResponder:1', url: 'https://127.0.0.1:1/shs', sender: 'urn:x-shs:5565594230', txId: 'tx-1' };
const at = (iso: string): (() => Date) => () => new Date(iso);

describeEachStore('adapter delivery store', (fresh) => {
  const hosts = hostsOf();
  after(() => hosts.closeAll());

  it('claims a new delivery, and returns the earlier one to a second claim of the same call', async () => {
    const store = await openDeliveryStore(hosts.open(await fresh()), at('2026-03-01T10:00:00.000Z'));
    expect(await store.claim(CLAIM)).to.equal(undefined);
    const earlier = await store.claim({ ...CLAIM, txId: 'tx-2' });
    expect(earlier).to.deep.equal({ ...CLAIM, state: 'sending', reason: null, sentAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' });
  });

  it('lets a failed delivery be claimed again, with the new attempt\'s transaction id', async () => {
    const store = await openDeliveryStore(hosts.open(await fresh()));
    await store.claim(CLAIM);
    await store.set(CLAIM, 'failed', 'ADAPTER007: down');
    expect(await store.claim({ ...CLAIM, txId: 'tx-2' })).to.equal(undefined);
    expect(await store.get(CLAIM.correlationId, CLAIM.format, CLAIM.receiver)).to.include({ txId: 'tx-2', state: 'sending', reason: null });
  });

  it('lists deliveries awaiting a receipt and the latest ones, newest first', async () => {
    const clock = { now: new Date('2026-03-01T10:00:00.000Z') };
    const store = await openDeliveryStore(hosts.open(await fresh()), () => clock.now);
    await store.claim(CLAIM);
    clock.now = new Date('2026-03-01T10:00:01.000Z');
    await store.claim({ ...CLAIM, correlationId: 'corr-2', format: 'SSEK' });
    await store.set(CLAIM, 'awaiting-receipt');
    expect((await store.awaiting()).map((d) => [d.correlationId, d.state])).to.deep.equal([['corr-1', 'awaiting-receipt']]);
    clock.now = new Date('2026-03-01T10:00:02.000Z');
    await store.set({ ...CLAIM, correlationId: 'corr-2', format: 'SSEK' }, 'delivered');
    expect((await store.list(10)).map((d) => [d.correlationId, d.state])).to.deep.equal([['corr-2', 'delivered'], ['corr-1', 'awaiting-receipt']]);
    expect((await store.list(1)).map((d) => d.correlationId)).to.deep.equal(['corr-2']);
  });

  it('records a delivery once when two instances on one database claim the same call at the same time', async function () {
    this.timeout(20_000);
    const target = await fresh();
    const [a, b] = [await openDeliveryStore(hosts.open(target)), await openDeliveryStore(hosts.open(target))];
    for (let i = 0; i < 20; i++) {
      const call = { ...CLAIM, correlationId: `race-${i}` };
      const outcomes = await Promise.all([a.claim({ ...call, txId: 'from-a' }), b.claim({ ...call, txId: 'from-b' })]);
      const winners = outcomes.filter((o) => o === undefined);
      expect(winners, `call ${i}`).to.have.length(1);
      const stored = await a.get(call.correlationId, call.format, call.receiver);
      expect(outcomes.find((o) => o !== undefined)?.txId, `call ${i}`).to.equal(stored!.txId);
    }
    expect(await b.list(100)).to.have.length(20);
  });
});
