/** The CLI run as a user runs it: a child process, its output in a pipe (JSON) or asked for as a table. */
import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bookingOrder, BOOKING_NS, CARE_UNIT, CONSUMER, PRODUCER } from '../tak/fixtures.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const CHILD_TIMEOUT_MS = 30_000;

function ntjp(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: CHILD_TIMEOUT_MS, env: { ...process.env, NTJP_CONFIG: '' }, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

describe('ntjp output for people and scripts', function () {
  this.timeout(120_000);
  let dir: string;
  let data: string[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-cli-out-'));
    data = ['--data', join(dir, 'data'), '--user', 'cli-tester'];
    writeFileSync(join(dir, 'order.json'), JSON.stringify(bookingOrder()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops quietly with exit code 0 when the reader of its output has gone (ntjp contracts list | head)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'contracts', 'list', '--data', join(dir, 'data'), '--format', 'table'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader closes its end before the command writes its first line, as `head` does after its first lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
  });

  it('prints JSON into a pipe and a table with --format table; another format is a usage error (exit 2)', async () => {
    const json = await ntjp('contracts', 'list', '--data', join(dir, 'data'));
    expect(json.code, json.stderr).to.equal(0);
    const known = JSON.parse(json.stdout) as Array<{ namespace: string; interaction?: string }>;
    expect(known.find((c) => c.namespace === BOOKING_NS)).to.include({ interaction: 'MakeBooking' });
    const table = await ntjp('contracts', 'list', '--data', join(dir, 'data'), '--format', 'table');
    expect(table.stdout.split('\n')[0]).to.match(/^namespace +wsdl +schema +descriptor$/);
    expect(table.stdout).to.match(new RegExp(`\\n${BOOKING_NS.replace(/[.:]/g, '\\$&')} +no wsdl +no schema +MakeBooking 1\\.1 write\n`));
    const wrong = await ntjp('contracts', 'list', '--format', 'yaml');
    expect(wrong.code).to.equal(2);
    expect(wrong.stderr).to.match(/^ntjp contracts: --format takes table or json, not 'yaml'\n\nUsage:/);
  });

  it('tak order prints the changes counted per entity, each change only with --verbose', async () => {
    const dry = await ntjp('tak', 'order', join(dir, 'order.json'), '--dry-run', '--format', 'table', ...data);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.equal([
      'Dry run (nothing written): valid 2026-01-01 .. 2126-01-01',
      '',
      'entity          create  extend  end  delete',
      '--------------  ------  ------  ---  ------',
      'component            2       0    0       0',
      'logicalAddress       1       0    0       0',
      'contract             1       0    0       0',
      'permission           1       0    0       0',
      'callAddress          1       0    0       0',
      'route                1       0    0       0',
      '',
    ].join('\n'));
    const summary = JSON.parse((await ntjp('tak', 'order', join(dir, 'order.json'), '--dry-run', ...data)).stdout) as Record<string, unknown>;
    expect(summary).to.deep.equal({ from: '2026-01-01', to: '2126-01-01', dryRun: true, counts: { 'create component': 2, 'create logicalAddress': 1, 'create contract': 1, 'create permission': 1, 'create callAddress': 1, 'create route': 1 } });
    const verbose = await ntjp('tak', 'order', join(dir, 'order.json'), '--verbose', '--format', 'table', ...data);
    expect(verbose.stdout).to.contain(`\naction  entity          what\n`);
    expect(verbose.stdout).to.contain(`\ncreate  route           ${CARE_UNIT} / ${BOOKING_NS} → https://journal.example:8443/booking, 2026-01-01..2126-01-01\n`);
  });

  it('tak list and tak audit name the rows a row refers to instead of showing their ids', async () => {
    const routes = await ntjp('tak', 'list', 'routes', '--format', 'table', ...data);
    expect(routes.stdout.split('\n')[0]).to.match(/^id +contract +logicalAddress +callAddress +from +to +pending \(by\)$/);
    expect(routes.stdout.split('\n')[2]).to.match(new RegExp(`^ *\\d+  ${BOOKING_NS} +${CARE_UNIT} +https://journal\\.example:8443/booking +2026-01-01 +2126-01-01 +cli-tester$`));
    const [route] = JSON.parse((await ntjp('tak', 'list', 'routes', ...data)).stdout) as Array<Record<string, unknown>>;
    expect(route).to.include({ contract: BOOKING_NS, logicalAddress: CARE_UNIT, callAddress: 'https://journal.example:8443/booking' });
    expect(route!.contractId).to.be.a('number');
    const audit = await ntjp('tak', 'audit', '--format', 'table', ...data);
    expect(audit.stdout.split('\n')[0]).to.match(/^time +user +action +entity +id +what$/);
    expect(audit.stdout).to.match(new RegExp(`  cli-tester  create  permission +\\d+  consumer=${CONSUMER} logicalAddress=${CARE_UNIT} contract=${BOOKING_NS} from=2026-01-01 to=2126-01-01 agreement=AUTOTAKNING\\n`));
    expect(audit.stdout).to.match(new RegExp(`  cli-tester  create  callAddress +\\d+  url=https://journal\\.example:8443/booking component=${PRODUCER} profile=RIVTABP21\\n`));
    const [last] = JSON.parse((await ntjp('tak', 'audit', ...data)).stdout) as Array<{ row: Record<string, unknown>; summary?: string }>;
    expect(last!.summary).to.equal(undefined);
    expect(last!.row).to.be.an('object');
  });
});
