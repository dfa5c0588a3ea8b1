import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { flagName } from '../../src/config/settings.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { SETTINGS_GROUPS } from '../../src/app/settings-groups.js';
import { Agent, request } from 'undici';
import { testCertsDir, testIdentity } from '../support/platform.js';
import { CONTRACT, HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;

function order(producerUrl: string): unknown {
  return {
    plattform: 'NTJP-TEST', formatVersion: 1, version: 1, genomforandeTidpunkt: '2020-01-01T00:00:00+0000', utforare: 'test',
    inkludera: {
      tjanstekontrakt: [{ namnrymd: CONTRACT.getSchedule, beskrivning: 'Tidbok', majorVersion: 1 }],
      logiskadresser: [{ hsaId: 'SE-REGION', beskrivning: 'Region' }],
      tjanstekomponenter: [{ hsaId: HSA.producerComponent, beskrivning: 'Producent' }, { hsaId: HSA.consumer, beskrivning: 'Konsument' }],
      anropsbehorigheter: [{ logiskAdress: 'SE-REGION', tjanstekontrakt: CONTRACT.getSchedule, tjanstekonsument: HSA.consumer }],
      vagval: [{ adress: producerUrl, logiskAdress: 'SE-REGION', tjanstekontrakt: CONTRACT.getSchedule, rivtaprofil: 'RIVTABP21', tjanstekomponent: HSA.producerComponent }],
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}

/** Resolves with the printed line matching `re`, or rejects when the process ends first. */
function waitForLine(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = re.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`ntjp serve exited with ${code}: ${err}${out}`)));
  });
}

describe('ntjp serve', function () {
  this.timeout(40000);
  let producer: TestProducer;
  let child: ChildProcess | undefined;
  let dir = '';

  before(async () => {
    producer = await startProducer();
  });
  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    await producer.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the catalogue from a bulk order and an HSA file, takes settings from flag > environment > file, routes and stops on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-serve-'));
    writeFileSync(join(dir, 'order.json'), JSON.stringify(order(producer.url)));
    writeFileSync(join(dir, 'hsa.json'), JSON.stringify([{ hsaId: 'SE-REGION', parent: 'SE' }, { hsaId: 'SE-WARD', parent: 'SE-REGION' }]));
    writeFileSync(join(dir, 'ntjp.json'), JSON.stringify({ platform: { instanceId: 'FILE-ID', instanceName: 'FROM-FILE' }, vp: { retryDelayMs: 10 } }));
    const ports = [...new Set(SETTINGS_GROUPS.flat().filter((s) => /Port$/.test(s.key)).map((s) => flagName(s)))].flatMap((f) => [f, '0']);
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', ...ports, '--data', join(dir, 'data'), '--certs-dir', testCertsDir(), '--log-level', 'warn',
      '--tak-order', join(dir, 'order.json'), '--hsa-file', join(dir, 'hsa.json'), '--instance-id', 'SERVE-TEST', '--config', join(dir, 'ntjp.json')],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NTJP_PLATFORM_INSTANCE_NAME: 'FROM-ENV' } });
    const url = await waitForLine(child, /Hub \(VP\), HTTP behind a proxy\s+(http:\/\/\S+)/);
    const res = await postSoap({ url: url.replace('localhost', '127.0.0.1'), body: rivCall('SE-WARD'), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': 'SERVE-TEST' } });
    expect(res.status, res.body).to.equal(200);
    expect(producer.calls).to.have.length(1);
    const unknown = await postSoap({ url: url.replace('localhost', '127.0.0.1'), body: rivCall('NOWHERE'), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': 'SERVE-TEST' } });
    expect(unknown.envelope!.fault!.string).to.match(/^VP004 \[FROM-ENV\] /);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    child = undefined;
  });

  it('serves with --workers 2: both listeners route, /status says 2 workers up, and SIGTERM stops the workers too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-serve-'));
    writeFileSync(join(dir, 'order.json'), JSON.stringify(order(producer.url)));
    const ports = [...new Set(SETTINGS_GROUPS.flat().filter((s) => /Port$/.test(s.key)).map((s) => flagName(s)))].flatMap((f) => [f, '0']);
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', ...ports, '--data', join(dir, 'data'), '--certs-dir', testCertsDir(), '--log-level', 'warn', '--tak-order', join(dir, 'order.json'), '--workers', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const adminUrl = await waitForLine(child, /REST API, status and console\s+(http:\/\/\S+)[\s\S]*Operator token/);
    const status = (await (await request(`${adminUrl.replace('localhost', '127.0.0.1')}/status`)).body.json()) as { vp: { workers: { configured: number; up: number; list: Array<{ pid: number }> }; httpPort: number; httpsPort: number } };
    expect(status.vp.workers).to.include({ configured: 2, up: 2 });
    const http = await postSoap({ url: `http://127.0.0.1:${status.vp.httpPort}/vp`, body: rivCall('SE-REGION'), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': 'NTJP-EMULATOR-1' } });
    expect(http.status, http.body).to.equal(200);
    const id = testIdentity(HSA.consumer);
    const agent = new Agent({ connect: { cert: id.cert, key: id.key, ca: id.ca } });
    const mtls = await postSoap({ url: `https://127.0.0.1:${status.vp.httpsPort}/vp`, body: rivCall('SE-REGION'), dispatcher: agent });
    await agent.destroy();
    expect(mtls.status, mtls.body).to.equal(200);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    child = undefined;
    for (const { pid } of status.vp.workers.list) expect(() => process.kill(pid, 0), `worker ${pid} still runs`).to.throw();
  });

  it('refuses an unknown option with its usage', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--no-such-option', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    run.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    expect(code).to.equal(2);
    expect(err).to.include('unknown option --no-such-option').and.include('Usage: ntjp serve');
  });

  it('knows the qualified flag the ambiguity message recommends (--ei-hsa-id), refusing only the unknown one', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--ei-hsa-id', 'SE-EI', '--no-such-option', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    run.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise<number | null>((resolve) => run.once('exit', resolve))).to.equal(2);
    expect(err).to.include('unknown option --no-such-option\n').and.not.include('--ei-hsa-id,');
  });
});
