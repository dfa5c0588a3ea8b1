import { expect } from 'chai';
import { defaultFormat, ProgressLine, renderTable, renderValue, takeFormatFlag } from '../../src/cli/format/index.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('CLI output format', () => {
  it('defaults to a table at a terminal and to JSON in a pipe or file', () => {
    expect(defaultFormat({ isTTY: true })).to.equal('table');
    expect(defaultFormat({ isTTY: false })).to.equal('json');
    expect(defaultFormat({})).to.equal('json');
  });

  it('takes --format <f> and --format=<f> out of the arguments and refuses other formats as a usage error', () => {
    expect(takeFormatFlag(['list', '--format', 'table', 'routes'])).to.deep.equal({ format: 'table', rest: ['list', 'routes'] });
    expect(takeFormatFlag(['--format=json', 'audit'])).to.deep.equal({ format: 'json', rest: ['audit'] });
    expect(takeFormatFlag(['audit'])).to.deep.equal({ format: undefined, rest: ['audit'] });
    expect(() => takeFormatFlag(['--format', 'yaml'])).to.throw(UsageError, "--format takes table or json, not 'yaml'");
    expect(() => takeFormatFlag(['--format'])).to.throw(UsageError, "--format takes table or json, not ''");
  });

  it('lays out a table with a header, numbers to the right and one line per row', () => {
    const rows = [{ name: 'route', n: 10000 }, { name: 'logicalAddress', n: 2 }];
    expect(renderTable(rows, [{ header: 'entity', cell: (r) => r.name }, { header: 'count', cell: (r) => r.n }])).to.equal(
      ['entity          count', '--------------  -----', 'route           10000', 'logicalAddress      2'].join('\n'));
    expect(renderTable([], [{ header: 'x', cell: () => 1 }])).to.equal('(none)');
  });

  it('lays out any answer: a list of objects as a table, an object as key and value with nested parts indented', () => {
    expect(renderValue({ engagements: 2, writeLock: false, perDomain: [{ domain: 'a', n: 1 }], note: 'two\nlines' })).to.equal(
      ['engagements  2', 'writeLock    false', 'perDomain:', '  domain  n', '  ------  -', '  a       1', 'note         two lines'].join('\n'));
  });
});

describe('progress of long CLI work', () => {
  const stream = (isTTY: boolean) => {
    const out = { text: '', isTTY, write: (t: string) => ((out.text += t), true) };
    return out;
  };

  it('shows nothing for work that ends within a second', () => {
    let now = 0;
    const s = stream(false);
    const p = new ProgressLine(s, 'ntjp tak order', { now: () => now });
    now = 999;
    p.update('applying the order', 5, 10);
    p.finish();
    expect(s.text).to.equal('');
  });

  it('past a second shows the step with its count at most once a second in a pipe, then the total time', () => {
    let now = 0;
    const s = stream(false);
    const p = new ProgressLine(s, 'ntjp tak order', { now: () => now });
    for (const [t, done] of [[1000, 100], [1500, 150], [2000, 200]] as const) {
      now = t;
      p.update('applying the order', done, 400);
    }
    now = 2100;
    p.update('writing the changes');
    now = 2500;
    p.finish();
    expect(s.text).to.equal([
      'ntjp tak order: applying the order 100/400 (1.0 s)',
      'ntjp tak order: applying the order 200/400 (2.0 s)',
      'ntjp tak order: writing the changes (2.1 s)',
      'ntjp tak order: finished after 2.5 s',
      '',
    ].join('\n'));
  });

  it('at a terminal rewrites one line in place and ends it with a line break', () => {
    let now = 1200;
    const s = stream(true);
    const p = new ProgressLine(s, 'x', { now: () => now });
    now = 2400;
    p.update('step');
    p.finish();
    expect(s.text).to.equal('\rx: step (1.2 s)\x1b[K\rx: finished after 1.2 s\x1b[K\n');
  });
});
