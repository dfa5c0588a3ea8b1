import { expect } from 'chai';
import { parseRowQuery, RowSet, rowQueryParams } from '../../src/shared/row-page.js';

const COLUMNS = ['id', 'name', 'url'];
const rows = [
  { id: 3, name: 'beta', url: 'https://b.example/x' },
  { id: 1, name: 'Alpha', url: 'https://a.example/y' },
  { id: 2, name: 'gamma', url: 'https://a.example/z' },
];

describe('row pages: sort, filter and page a list the same way for the REST API and the console', () => {
  it('reads offset, limit, sort, direction, search and per-column filters, ignoring unknown columns and bad numbers', () => {
    const q = parseRowQuery({ offset: '10', limit: '5000', sort: 'name', desc: '1', q: ' x ', 'f.url': 'A.EXAMPLE', 'f.secret': 'y' }, COLUMNS);
    expect(q).to.deep.equal({ offset: 10, limit: 1000, sort: 'name', descending: true, filters: { url: 'A.EXAMPLE' }, search: 'x' });
    expect(parseRowQuery({ offset: '-1', limit: '', sort: 'secret' }, COLUMNS)).to.deep.equal({ offset: 0, limit: 50, sort: undefined, descending: false, filters: {}, search: '' });
    expect(rowQueryParams(q)).to.deep.equal([['offset', '10'], ['limit', '1000'], ['sort', 'name'], ['desc', '1'], ['q', 'x'], ['f.url', 'A.EXAMPLE']]);
  });

  it('sorts numbers by value and text by code point, reverses on desc, and counts every match while returning one page', () => {
    const set = new RowSet(rows, COLUMNS);
    const page = (params: Record<string, string>) => set.page(parseRowQuery(params, COLUMNS));
    expect(page({ sort: 'id' }).rows.map((r) => r.id)).to.deep.equal([1, 2, 3]);
    expect(page({ sort: 'name', desc: '1' }).rows.map((r) => r.name)).to.deep.equal(['gamma', 'beta', 'Alpha']);
    expect(page({ 'f.url': 'A.EXAMPLE', sort: 'id', limit: '1', offset: '1' })).to.deep.equal({ total: 2, offset: 1, limit: 1, rows: [rows[2]] });
    expect(page({ q: 'ALPHA' }).rows).to.deep.equal([rows[1]]);
    expect(page({ limit: '2' })).to.include({ total: 3 });
    expect(page({ 'f.name': 'nothing' })).to.deep.equal({ total: 0, offset: 0, limit: 50, rows: [] });
  });
});
