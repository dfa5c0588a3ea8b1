/**
 * Platform instances as separate `ntjp serve` processes for the several-instances tests: each its own ports
 * (all picked free on 127.0.0.1), data folder and instance id, all on one database given as
 * `platform.database` (a SQLite file today; the same parameter takes a PostgreSQL URL), with the test
 * process's dev PKI and one operator token. SIGKILL is real: the process dies mid-call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagName } from '../../src/config/settings.js';
import { SETTINGS_GROUPS } from '../../src/app/settings-groups.js';
import { TEST_OPERATOR_TOKEN, testCertsDir } from './platform.js';
import { CONTRACT, HSA } from './soap.js';

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;
/** A cold start under tsx on a busy 2-core machine takes a few seconds; this is the bound, not the figure. */
const START_TIMEOUT_MS = 60_000;

/** Every port setting's flag set to 0: the process picks free ports and prints them. */
const FREE_PORTS = [...new Set(SETTINGS_GROUPS.flat().filter((s) => /Port$/.test(s.key)).map((s) => flagName(s)))].flatMap((f) => [f, '0']);

/** The printed URL lines the tests need, by what `ntjp serve` labels them. */
const URL_LINES = {
  adminUrl: /REST API, status and console\s+(http:\/\/\S+)/,
  hubHttpsUrl: /Hub \(VP\), mutual TLS\s+(https:\/\/\S+)/,
  hubHttpUrl: /Hub \(VP\), HTTP behind a proxy\s+(http:\/\/\S+)/,
} as const;

export interface InstanceOptions {
  instanceId: string;
  /** `platform.database`: a SQLite file, or later a postgres:// URL */
  database: string;
  /** further `ntjp serve` flags */
  args?: string[];
}

export interface ServeInstance {
  instanceId: string;
  adminUrl: string;
  hubHttpsUrl: string;
  hubHttpUrl: string;
  process: ChildProcess;
  /** what the process wrote to stderr so far (its warnings and errors) */
  stderr(): string;
  /** SIGKILL, resolved once the process is gone */
  kill(): Promise<void>;
  /** SIGTERM (SIGKILL when it has not stopped within 10 s), then removes its data folder */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

function ended(child: ChildProcess): Promise<void> {
  return exited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts one `ntjp serve` and resolves once it has printed its URLs. */
export async function startInstance(o: InstanceOptions): Promise<ServeInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), `ntjp-instance-${o.instanceId}-`));
  const args = [...FREE_PORTS, '--admin-https-port', '-1', '--data', dataDir, '--database', o.database, '--certs-dir', testCertsDir(), '--instance-id', o.instanceId,
    '--public-host', '127.0.0.1', '--operator-token', TEST_OPERATOR_TOKEN, '--seed-demo', 'false', '--log-level', 'warn', '--log-format', 'text', ...(o.args ?? [])];
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const urls = await new Promise<Record<keyof typeof URL_LINES, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance ${o.instanceId} printed no URLs within ${START_TIMEOUT_MS} ms: ${err}${out}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const found = Object.entries(URL_LINES).map(([name, re]) => [name, re.exec(out)?.[1]] as const);
      if (found.every(([, url]) => url)) {
        clearTimeout(timer);
        resolve(Object.fromEntries(found) as Record<keyof typeof URL_LINES, string>);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`instance ${o.instanceId} exited (${code ?? signal}) before it was up: ${err}${out}`));
    });
  }).catch(async (e: Error) => {
    child.kill('SIGKILL');
    await ended(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  const kill = async (): Promise<void> => {
    if (!exited(child)) child.kill('SIGKILL');
    await ended(child);
  };
  return {
    instanceId: o.instanceId,
    ...urls,
    process: child,
    stderr: () => err,
    kill,
    async stop() {
      if (!exited(child)) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await ended(child);
        clearTimeout(force);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the instances together; when one fails to start, stops those that did and throws its error. */
export async function startInstances(options: InstanceOptions[]): Promise<ServeInstance[]> {
  const started = await Promise.allSettled(options.map(startInstance));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return started.map((s) => (s as PromiseFulfilledResult<ServeInstance>).value);
  await Promise.all(started.map((s) => s.status === 'fulfilled' && s.value.stop()));
  throw failed.reason;
}

/** The shared database of one test run: a SQLite file in a temp folder (removed by `remove`). */
export function sqliteDatabase(): { database: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-shared-db-'));
  return { database: join(dir, 'ntjp.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A bulk order: a route to the producer at a new care unit, and the test consumer's permission there. */
export function consumerRouteOrder(unit: string, producerUrl: string): Record<string, unknown> {
  return {
    plattform: 'NTJP-TEST', genomforandeTidpunkt: '2020-01-01', utforare: 'test',
    inkludera: {
      tjanstekontrakt: [{ namnrymd: CONTRACT.getSchedule, beskrivning: 'Tidbok' }],
      logiskadresser: [{ hsaId: unit, beskrivning: 'a care unit' }],
      tjanstekomponenter: [{ hsaId: HSA.producerComponent, beskrivning: 'producer' }, { hsaId: HSA.consumer, beskrivning: 'consumer' }],
      anropsbehorigheter: [{ logiskAdress: unit, tjanstekontrakt: CONTRACT.getSchedule, tjanstekonsument: HSA.consumer }],
      vagval: [{ adress: producerUrl, logiskAdress: unit, tjanstekontrakt: CONTRACT.getSchedule, rivtaprofil: 'RIVTABP21', tjanstekomponent: HSA.producerComponent }],
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}
