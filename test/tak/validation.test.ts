import { expect } from 'chai';
import { TakError } from '../../src/tak/errors.js';
import { readHsaTree } from '../../src/tak/hsa-import.js';
import { snapshotFromOrder } from '../../src/tak/index.js';
import { BOOKING_NS, CARE_UNIT, CONSUMER, PRODUCER, bookingOrder, serviceOn, tempService } from './fixtures.js';
import { describeEachStore } from '../support/each-store.js';

const user = 'tester';

describeEachStore('TAK validation (like the real TAK entity validator)', (fresh) => {
  let t: Awaited<ReturnType<typeof serviceOn>>;
  beforeEach(async () => {
    t = await serviceOn(fresh);
    await t.service.order(bookingOrder(), { dryRun: false, user });
  });
  afterEach(() => t.close());

  const problems = async (p: Promise<unknown>): Promise<string[]> => {
    const e = await p.then(() => undefined, (err: unknown) => err);
    expect(e, 'expected a TakError').to.be.instanceOf(TakError);
    return (e as TakError).problems;
  };

  it('refuses HSA-ids outside letters, digits, - and _', async () => {
    expect(await problems(t.service.add('component', { hsaId: 'SE 123' }, user))).to.deep.equal(["component (new): HSA-id 'SE 123' may only hold letters, digits, '-' and '_'"]);
    expect(await problems(t.service.add('logicalAddress', { hsaId: 'SE/1' }, user))).to.deep.equal(["logicalAddress (new): logical address 'SE/1' may only hold letters, digits, '-' and '_'"]);
    await t.service.add('logicalAddress', { hsaId: '*' }, user);
  });

  it('refuses namespaces outside letters, digits and _.:-', async () => {
    expect(await problems(t.service.add('contract', { namespace: 'urn:riv:a b' }, user))).to.deep.equal(["contract (new): namespace 'urn:riv:a b' may only hold letters, digits and _.:-"]);
  });

  it('refuses call addresses that are not 5–255 URL characters of an http(s) URL', async () => {
    const add = (url: string): Promise<unknown> => t.service.add('callAddress', { url, component: PRODUCER, profile: 'RIVTABP21' }, user);
    expect(await problems(add('http://a b/'))).to.deep.equal(["callAddress (new): address 'http://a b/' must be 5–255 characters of letters, digits and _.:/-?&=;"]);
    expect(await problems(add('ftp://host/x'))).to.deep.equal(["callAddress (new): address 'ftp://host/x' is not an http(s) URL"]);
    await add('https://my-host.example:8443/ei/process-notification?a=b&c=d');
  });

  it('refuses from after to', async () => {
    const p = await problems(t.service.add('permission', { consumer: PRODUCER, logicalAddress: CARE_UNIT, namespace: BOOKING_NS, from: '2027-01-01', to: '2026-01-01' }, user));
    expect(p).to.deep.equal(['permission (new): from 2027-01-01 is after to 2026-01-01']);
  });

  it('refuses an overlapping route for the same logical address and contract', async () => {
    const p = await problems(t.service.add('route', { logicalAddress: CARE_UNIT, namespace: BOOKING_NS, url: 'https://other.example/x', component: PRODUCER, profile: 'RIVTABP20', from: '2030-01-01', to: '2030-12-31' }, user));
    expect(p).to.deep.equal(['route (new): overlaps route 1 (2026-01-01..2126-01-01) for the same logical address and contract']);
  });

  it('refuses a write based on a stale read (another writer came first)', async () => {
    const { revision } = await t.service.store.readWorking();
    await t.service.add('logicalAddress', { hsaId: 'SE2321000016-OTHER' }, user);
    const stale = t.service.store.write({ component: [], contract: [], logicalAddress: [], rivProfile: [], callAddress: [], route: [], permission: [], hsaUnit: [], formatMapping: [] }, user, revision, () => false);
    const err = await stale.catch((e: TakError) => e);
    expect((err as TakError).code).to.equal('TAK_ERR_CONFLICT');
  });

  it('reports two overlapping routes of an import once, on the later row', async () => {
    await t.service.publish(user);
    const data = (await t.service.latest())!.data;
    data.route.push({ ...data.route[0]!, id: 99, from: '2030-01-01' });
    expect(await problems(t.service.importData(data, user))).to.deep.equal(['route 99: overlaps route 1 (2026-01-01..2126-01-01) for the same logical address and contract']);
  });

  it('refuses a duplicate permission', async () => {
    const p = await problems(t.service.add('permission', { consumer: CONSUMER, logicalAddress: CARE_UNIT, namespace: BOOKING_NS, from: '2026-05-01', to: '2026-05-02' }, user));
    expect(p).to.deep.equal(['permission (new): overlaps permission 1 (2026-01-01..2126-01-01) for the same consumer, logical address and contract']);
  });

  it('refuses unknown references and deleting a row still referenced, naming the rows', async () => {
    expect(await problems(t.service.add('route', { logicalAddress: 'SE-NONE', namespace: BOOKING_NS, url: 'https://x.example/x', component: PRODUCER, profile: 'RIVTABP21' }, user))).to.deep.equal(["logicalAddress: no logicalAddress 'SE-NONE' in the catalogue"]);
    expect(await problems(t.service.remove('component', 1, user))).to.deep.equal([
      `component 1 (${PRODUCER}): cannot be deleted, callAddress 1 (https://journal.example:8443/booking of ${PRODUCER}, RIVTABP21) refers to it`,
    ]);
    expect(await problems(t.service.add('component', { hsaId: PRODUCER.toLowerCase() }, user))).to.deep.equal([`component (new): a component with the same key already exists (id 1)`]);
  });
});

describe('HSA tree import', () => {
  it('reads units with parents from JSON and from the HSA XML the real VP reads (parent from the DN)', () => {
    expect(readHsaTree('[{"hsaId":"SE2321000016-A","parent":"SE2321000016-R","name":"A"}]')).to.deep.equal([{ hsaId: 'SE2321000016-A', parent: 'SE2321000016-R', name: 'A' }]);
    const xml = `<hsaUnits xmlns="urn:riv:hsa:HsaWsResponder:3">
      <hsaUnit><hsaIdentity>SE2321000016-R</hsaIdentity><DN>ou=Region,c=SE</DN><name>Region</name>
        <hsaUnit><hsaIdentity>SE2321000016-A</hsaIdentity><DN>ou=Clinic A,ou=Region,c=SE</DN></hsaUnit></hsaUnit></hsaUnits>`;
    expect(readHsaTree(xml)).to.deep.equal([{ hsaId: 'SE2321000016-R', name: 'Region' }, { hsaId: 'SE2321000016-A', parent: 'SE2321000016-R' }]);
    expect(() => readHsaTree('<!DOCTYPE x><x/>')).to.throw(TakError, /HSA XML/);
    expect(() => readHsaTree('{"hsaId": 1}')).to.throw(TakError, 'an HSA tree is a list');
  });

  it('publishes the imported tree with the catalogue', async () => {
    const t = tempService();
    try {
      await t.service.importHsa(readHsaTree('[{"hsaId":"se2321000016-a","parent":"SE2321000016-R"},{"hsaId":"SE2321000016-R"}]'), 'op');
      await t.service.publish('op');
      expect((await t.service.latestSnapshot())!.hsaUnits).to.deep.equal([{ hsaId: 'SE2321000016-A', parent: 'SE2321000016-R' }, { hsaId: 'SE2321000016-R' }]);
    } finally {
      t.close();
    }
  });
});

describe('snapshotFromOrder (ntjp serve --tak-order)', () => {
  it('applies an order to an empty catalogue with the same engine', () => {
    const s = snapshotFromOrder(bookingOrder(), [{ hsaId: CARE_UNIT, parent: 'SE2321000016-R' }]);
    expect(s.routes).to.deep.equal([{ id: 1, logicalAddress: CARE_UNIT, namespace: BOOKING_NS, profile: 'RIVTABP21', url: 'https://journal.example:8443/booking', component: PRODUCER, from: '2026-01-01', to: '2126-01-01' }]);
    expect(s.permissions[0]).to.include({ consumer: CONSUMER, logicalAddress: CARE_UNIT });
    expect(s.hsaUnits).to.deep.equal([{ hsaId: CARE_UNIT, parent: 'SE2321000016-R' }]);
    expect(() => snapshotFromOrder({})).to.throw(TakError, 'genomforandeTidpunkt');
  });
});
