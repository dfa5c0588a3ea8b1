import { expect } from 'chai';
import { SNAPSHOT_SLICE_ROWS, SnapshotAssembler, snapshotParts, type SnapshotPart } from '../../src/vp/workers/snapshot-slices.js';
import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

function big(version: number, rows: number): CatalogueSnapshot {
  const routes = Array.from({ length: rows }, (_, i) => route(`SE-${i}`, `http://127.0.0.1:1/p${i}`, { id: i }));
  const permissions = Array.from({ length: rows }, (_, i) => permission(`SE-${i}`, 'SE-KONS', { id: i }));
  return { ...snapshot(routes, permissions, [{ hsaId: 'SE-A', parent: 'SE' }]), version };
}

describe('hub workers: a catalogue snapshot in slices', () => {
  it('sends at most SNAPSHOT_SLICE_ROWS rows a message, and the worker puts the same snapshot together', () => {
    const sent = big(7, 2 * SNAPSHOT_SLICE_ROWS + 1);
    const parts = [...snapshotParts(1, sent)];
    // three slices of routes, three of permissions, one of HSA units
    expect(parts.map((p) => p.type)).to.deep.equal(['catalogue-head', ...Array(7).fill('catalogue-rows'), 'catalogue-end']);
    expect(Math.max(...parts.map((p) => (p.type === 'catalogue-rows' ? p.rows.length : 0)))).to.equal(SNAPSHOT_SLICE_ROWS);
    const assembler = new SnapshotAssembler();
    const got = parts.map((p) => assembler.add(structuredClone(p)));
    expect(got.slice(0, -1)).to.deep.equal(Array(parts.length - 1).fill(undefined));
    expect(got.at(-1)).to.deep.equal(sent);
  });

  it('keeps an absent list absent', () => {
    const sent = { ...snapshot([], []), version: 3 };
    delete sent.formatMappings;
    const assembler = new SnapshotAssembler();
    let got: CatalogueSnapshot | undefined;
    for (const p of snapshotParts(1, sent)) got = assembler.add(p);
    expect(got).to.deep.equal(sent);
    expect(got).to.not.have.property('formatMappings');
  });

  it('drops the rest of a switch a newer one has begun over, and delivers the newer one whole', () => {
    const older = [...snapshotParts(1, big(1, SNAPSHOT_SLICE_ROWS + 5))];
    const newer = [...snapshotParts(2, big(2, 3))];
    const assembler = new SnapshotAssembler();
    const order: SnapshotPart[] = [older[0]!, older[1]!, newer[0]!, older[2]!, ...newer.slice(1), ...older.slice(3)];
    const delivered = order.map((p) => assembler.add(p)).filter((s) => s !== undefined);
    expect(delivered.map((s) => [s.version, s.routes.length])).to.deep.equal([[2, 3]]);
  });
});
