import { expect } from 'chai';
import { TakError } from '../../src/tak/errors.js';
import { BOOKING_NS, CARE_UNIT, CONSUMER, PRODUCER, bookingOrder, serviceOn } from './fixtures.js';
import { describeEachStore } from '../support/each-store.js';

const user = 'tester';

describeEachStore('TAK bulk order', (fresh) => {
  let t: Awaited<ReturnType<typeof serviceOn>>;
  beforeEach(async () => (t = await serviceOn(fresh)));
  afterEach(() => t.close());

  it('creates upper-cased components, addresses, a route and a permission valid for 100 years', async () => {
    const report = await t.service.order(bookingOrder(), { dryRun: false, user });
    expect(report.counts).to.deep.equal({ 'create component': 2, 'create logicalAddress': 1, 'create contract': 1, 'create permission': 1, 'create callAddress': 1, 'create route': 1 });
    const [route] = await t.service.list('route');
    expect(route).to.include({ from: '2026-01-01', to: '2126-01-01', updatedBy: user });
    expect((await t.service.list('component')).map((c) => c.hsaId)).to.deep.equal([PRODUCER, CONSUMER]);
    const [permission] = await t.service.list('permission');
    expect(permission).to.include({ agreement: 'AUTOTAKNING', from: '2026-01-01' });
  });

  it('reports what a dry run would change and writes nothing', async () => {
    const report = await t.service.order(bookingOrder(), { dryRun: true, user });
    expect(report.dryRun).to.equal(true);
    expect(report.changes).to.deep.include({ action: 'create', kind: 'route', what: `${CARE_UNIT} / ${BOOKING_NS} → https://journal.example:8443/booking, 2026-01-01..2126-01-01` });
    expect(await t.service.list('route')).to.deep.equal([]);
    expect(await t.service.store.pendingCount()).to.equal(0);
  });

  it('extends a route to the same address and ends one to another address the day before', async () => {
    await t.service.order(bookingOrder(), { dryRun: false, user });
    const again = await t.service.order(bookingOrder({ date: '2026-03-01' }), { dryRun: false, user });
    expect(again.counts).to.deep.equal({ 'extend permission': 1, 'extend route': 1 });
    const moved = await t.service.order(bookingOrder({ date: '2026-06-01', url: 'https://new.example/booking' }), { dryRun: false, user });
    expect(moved.counts).to.deep.equal({ 'extend permission': 1, 'create callAddress': 1, 'end route': 1, 'create route': 1 });
    const routes = await t.service.list('route');
    expect(routes.map((r) => [r.from, r.to])).to.deep.equal([['2026-01-01', '2026-05-31'], ['2026-06-01', '2126-06-01']]);
  });

  it('deletes a route that had not started when the order replaces it', async () => {
    await t.service.order(bookingOrder({ date: '2026-06-01' }), { dryRun: false, user });
    const moved = await t.service.order(bookingOrder({ date: '2026-06-01', url: 'https://new.example/booking' }), { dryRun: false, user });
    expect(moved.counts['delete route']).to.equal(1);
    expect((await t.service.list('route')).length).to.equal(1);
  });

  it('ends excluded rows the day before the order date', async () => {
    await t.service.order(bookingOrder(), { dryRun: false, user });
    const order = bookingOrder({ date: '2026-04-01' }) as { inkludera: Record<string, unknown[]>; exkludera: Record<string, unknown[]> };
    order.exkludera = { anropsbehorigheter: order.inkludera.anropsbehorigheter!, vagval: order.inkludera.vagval! };
    order.inkludera = { tjanstekontrakt: [], logiskadresser: [], tjanstekomponenter: [], anropsbehorigheter: [], vagval: [] };
    const report = await t.service.order(order, { dryRun: false, user });
    expect(report.counts).to.deep.equal({ 'end permission': 1, 'end route': 1 });
    expect((await t.service.list('route'))[0]!.to).to.equal('2026-03-31');
  });

  it('rejects an order with every missing reference named and changes nothing', async () => {
    const order = bookingOrder() as { inkludera: Record<string, unknown[]> };
    order.inkludera.tjanstekomponenter = [];
    order.inkludera.tjanstekontrakt = [];
    const err = await t.service.order(order, { dryRun: false, user }).catch((e: TakError) => e);
    expect(err).to.be.instanceOf(TakError);
    expect((err as TakError).code).to.equal('TAK_ERR_VALIDATION');
    expect((err as TakError).problems).to.deep.equal([
      `inkludera.anropsbehorigheter[0]: tjanstekonsument '${CONSUMER}' does not exist in the order or the catalogue`,
      `inkludera.anropsbehorigheter[0]: tjanstekontrakt '${BOOKING_NS}' does not exist in the order or the catalogue`,
      `inkludera.vagval[0]: tjanstekomponent '${PRODUCER}' does not exist in the order or the catalogue`,
      `inkludera.vagval[0]: tjanstekontrakt '${BOOKING_NS}' does not exist in the order or the catalogue`,
    ]);
    expect(await t.service.list('logicalAddress')).to.deep.equal([]);
  });

  it('rejects a malformed order naming each bad field', async () => {
    const err = await t.service.order({ genomforandeTidpunkt: 'soon', inkludera: {}, exkludera: {} }, { dryRun: false, user }).catch((e: TakError) => e);
    expect((err as TakError).problems).to.deep.equal(['genomforandeTidpunkt: required, a date or ISO timestamp (got "soon")']);
    const err2 = await t.service.order({ genomforandeTidpunkt: '2026-01-01', inkludera: { vagval: [{ adress: 'x' }] }, exkludera: {} }, { dryRun: false, user }).catch((e: TakError) => e);
    expect((err2 as TakError).problems).to.include('inkludera.vagval[0]: logiskAdress is required (a non-empty string)');
  });
});
