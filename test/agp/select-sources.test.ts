import { expect } from 'chai';
import { compileCatalogue } from '../../src/vp/index.js';
import { AGGREGATED_CONTRACTS } from '../../src/agp/index.js';
import { selectSources } from '../../src/agp/select-sources.js';
import type { PermissionEntry, RouteEntry } from '../../src/tak/snapshot.js';

const contract = AGGREGATED_CONTRACTS.find((c) => c.interaction === 'GetCareDocumentation' && c.major === 3)!;
const NS = contract.namespace;
const SENDER = 'SE-SENDER';
const ORIGINAL = 'SE-ORIGINAL';
const DAYS = { from: '2000-01-01', to: '2099-12-31' };
const TODAY = '2025-06-01';

const route = (logicalAddress: string, to = DAYS.to): RouteEntry => ({ id: 1, logicalAddress, namespace: NS, profile: 'RIVTABP21', url: 'http://127.0.0.1:1/p', component: 'C', from: DAYS.from, to });
const permission = (logicalAddress: string, consumer: string): PermissionEntry => ({ id: 1, logicalAddress, namespace: NS, consumer, filters: [], ...DAYS });
const engagement = (logicalAddress: string, sourceSystem = logicalAddress) => ({ logicalAddress, sourceSystem, categorization: 'voo' });

function select(routes: RouteEntry[], permissions: PermissionEntry[], engagements = [engagement('A')], sourceFilter?: string): string[] {
  const catalogue = compileCatalogue({ version: 1, publishedAt: '', routes, permissions, hsaUnits: [] });
  return selectSources(contract, engagements, { selfAddress: '5565594230', consumers: [SENDER, ORIGINAL], catalogue, sourceFilter, today: TODAY });
}

describe('AgP source selection on the hub\'s compiled catalogue (spec §4.3)', () => {
  it('keeps an address the sender may call and that has a route', () => {
    expect(select([route('A')], [permission('A', SENDER)])).to.deep.equal(['A']);
  });

  it('accepts a permission of the original consumer alone, and one at `*`, matching case-insensitively', () => {
    expect(select([route('A')], [permission('a', ORIGINAL)])).to.deep.equal(['A']);
    expect(select([route('A')], [permission('*', SENDER)])).to.deep.equal(['A']);
  });

  it('accepts a route at `*`', () => {
    expect(select([route('*')], [permission('A', SENDER)])).to.deep.equal(['A']);
  });

  it('drops an address without permission, without a valid route, or on an HSA parent only (no climb)', () => {
    expect(select([route('A')], [permission('A', 'SE-SOMEONE-ELSE')])).to.deep.equal([]);
    expect(select([route('A', '2020-01-01')], [permission('A', SENDER)])).to.deep.equal([]);
    expect(select([route('A')], [permission('SE', SENDER)])).to.deep.equal([]);
  });

  it('drops engagements at the aggregator\'s own address (recursion guard, NTP-2093)', () => {
    expect(select([route('*')], [permission('*', SENDER)], [engagement('5565594230'), engagement('A')])).to.deep.equal(['A']);
  });

  it('calls each distinct source system once, and the source filter keeps only its logical address', () => {
    const engagements = [engagement('A', 'SYS-1'), engagement('B', 'SYS-1'), engagement('C', 'SYS-2')];
    expect(select([route('*')], [permission('*', SENDER)], engagements)).to.have.members(['SYS-1', 'SYS-2']);
    expect(select([route('*')], [permission('*', SENDER)], engagements, 'C')).to.deep.equal(['SYS-2']);
  });

  it('calls nothing before a catalogue is compiled', () => {
    expect(selectSources(contract, [engagement('A')], { selfAddress: '5565594230', consumers: [SENDER], catalogue: undefined, sourceFilter: undefined, today: TODAY })).to.deep.equal([]);
  });
});
