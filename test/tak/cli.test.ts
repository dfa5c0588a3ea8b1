import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { command } from '../../src/cli/commands/tak.js';
import { runCli } from '../support/run-cli.js';
import { describeEachStore } from '../support/each-store.js';
import { BOOKING_NS, CARE_UNIT, CONSUMER, PRODUCER, bookingOrder } from './fixtures.js';

describeEachStore('ntjp tak (CLI)', (fresh) => {
  let dir: string;
  let database: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-takcli-'));
    const target = await fresh();
    database = target.kind === 'postgres' ? target.url : target.file;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `ntjp tak …` in-process on the database under test, capturing stdout and stderr (JSON parsed). */
  async function tak(...args: string[]): Promise<{ code: number; out: any; err: string }> {
    const { code, out, err } = await runCli(command, [...args, '--data', dir, '--database', database, '--user', 'cli-tester']);
    return { code, out: out ? JSON.parse(out) : undefined, err };
  }

  it('applies an order after a dry run, publishes, diffs, exports and rolls back', async () => {
    const file = join(dir, 'order.json');
    writeFileSync(file, JSON.stringify(bookingOrder()));
    const dry = await tak('order', file, '--dry-run');
    expect(dry.out).to.deep.include({ dryRun: true });
    expect((await tak('list', 'routes')).out).to.deep.equal([]);
    expect((await tak('order', file)).out.counts['create route']).to.equal(1);
    expect((await tak('pending')).out.routes.added.length).to.equal(1);
    expect((await tak('publish', '--comment', 'first')).out).to.include({ id: 1, author: 'cli-tester', comment: 'first', routes: 1 });
    expect((await tak('versions')).out.map((v: any) => v.id)).to.deep.equal([1]);
    expect((await tak('diff', '1')).out.routes.added[0]).to.include({ logicalAddress: CARE_UNIT, component: PRODUCER });
    const out = join(dir, 'export.json');
    expect((await tak('export', '--out', out)).out).to.deep.equal({ version: 1, file: out });
    expect((await tak('rollback')).out.removed.id).to.equal(1);
    expect((await tak('list', 'routes')).out).to.deep.equal([]);
    expect((await tak('import', out)).out.pending).to.be.greaterThan(5);
    expect((await tak('list', 'routes')).out.length).to.equal(1);
  });

  it('imports an unchanged export with nothing pending, and one without a route as that route pending removal', async () => {
    const file = join(dir, 'order.json');
    writeFileSync(file, JSON.stringify(bookingOrder()));
    await tak('order', file);
    await tak('publish', '--comment', 'first');
    const out = join(dir, 'export.json');
    await tak('export', '--out', out);
    expect((await tak('import', out)).out).to.deep.equal({ pending: 0 });
    const pending = (await tak('pending')).out;
    expect([pending.routes.added, pending.routes.removed, pending.permissions.added, pending.entities]).to.deep.equal([[], [], [], {}]);
    expect((await tak('publish')).err).to.match(/^ntjp tak publish: TAK_ERR_NOTHING_TO_PUBLISH: /);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { route: unknown[] };
    writeFileSync(out, JSON.stringify({ ...exported, route: [] }));
    expect((await tak('import', out)).out).to.deep.equal({ pending: 1 });
    expect((await tak('pending')).out.routes.removed).to.have.length(1);
    expect((await tak('publish')).out).to.include({ id: 2, routes: 0 });
  });

  it('adds, ends and deletes entities with flags, and reports validation problems with exit code 1', async () => {
    expect((await tak('add', 'components', '--hsa-id', PRODUCER.toLowerCase())).out.hsaId).to.equal(PRODUCER);
    await tak('add', 'components', '--hsa-id', CONSUMER);
    await tak('add', 'contracts', '--namespace', BOOKING_NS);
    await tak('add', 'logical-addresses', '--hsa-id', CARE_UNIT);
    const route = (await tak('add', 'routes', '--logical-address', CARE_UNIT, '--namespace', BOOKING_NS, '--url', 'https://p.example/x', '--component', PRODUCER, '--profile', 'RIVTABP21', '--from', '2026-01-01')).out;
    const permission = (await tak('add', 'permissions', '--consumer', CONSUMER, '--logical-address', CARE_UNIT, '--namespace', BOOKING_NS, '--from', '2026-01-01', '--filters', '[{"serviceDomain":"riv:crm:scheduling","categorizations":[]}]')).out;
    expect(permission.filters).to.deep.equal([{ serviceDomain: 'riv:crm:scheduling', categorizations: [] }]);
    expect((await tak('end', 'routes', String(route.id), '--to', '2026-03-01')).out.to).to.equal('2026-03-01');
    expect((await tak('delete', 'permissions', String(permission.id))).out).to.deep.equal({ deleted: 'permissions', id: permission.id });
    const bad = await tak('add', 'components', '--hsa-id', 'bad id');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.equal("ntjp tak add: TAK_ERR_VALIDATION: The change is invalid: component (new): HSA-id 'BAD ID' may only hold letters, digits, '-' and '_'\n  - component (new): HSA-id 'BAD ID' may only hold letters, digits, '-' and '_'\n");
    const hsa = join(dir, 'hsa.json');
    writeFileSync(hsa, JSON.stringify([{ hsaId: CARE_UNIT, parent: 'SE2321000016-R' }]));
    expect((await tak('hsa-import', hsa)).out).to.deep.equal({ imported: 1 });
    expect((await tak('audit')).out[0]).to.include({ user: 'cli-tester', action: 'create', kind: 'hsaUnit' });
  });
});
