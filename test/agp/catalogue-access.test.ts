import { expect } from 'chai';
import { compiledCatalogue } from '../../src/agp/catalogue-access.js';
import { StaticCatalogueSource } from '../../src/tak/snapshot.js';
import { COMPILE_SLICE_ENTRIES, compileCatalogue } from '../../src/vp/catalogue-index.js';
import { snapshotOf } from '../support/large-snapshot.js';

describe('AgP catalogue index on a switch', () => {
  it('keeps the old index while a large catalogue compiles in slices and swaps in the whole new one when the switch ends', async () => {
    const first = snapshotOf(10);
    const source = new StaticCatalogueSource(first);
    const catalogue = compiledCatalogue(source);
    const before = catalogue.current();
    expect(before).to.deep.equal(compileCatalogue(first));
    const large = { ...snapshotOf(COMPILE_SLICE_ENTRIES * 2), version: 8 };
    const switching = source.set(large);
    expect(catalogue.current()).to.equal(before);
    await switching;
    expect(catalogue.current()).to.deep.equal(compileCatalogue(large));
    catalogue.close();
  });

  it('swaps in only the newest of two snapshots published during one compile', async () => {
    const source = new StaticCatalogueSource(snapshotOf(10));
    const catalogue = compiledCatalogue(source);
    const newest = { ...snapshotOf(COMPILE_SLICE_ENTRIES * 2 + 1), version: 9 };
    await Promise.all([source.set({ ...snapshotOf(COMPILE_SLICE_ENTRIES * 3), version: 8 }), source.set(newest)]);
    expect(catalogue.current()).to.deep.equal(compileCatalogue(newest));
    catalogue.close();
  });
});
