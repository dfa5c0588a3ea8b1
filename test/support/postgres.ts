/**
 * A real, throwaway PostgreSQL server for the tests: one cluster per test process in a temp folder, on a free
 * loopback port, started on first use with the machine's initdb/pg_ctl and stopped (folder removed) when the
 * process exits. Each test suite takes a fresh database from it. The server refuses to run as root, so as root
 * it runs as the `postgres` user (created by Debian's postgresql package), else as `nobody`.
 *
 * `NTJP_TEST_POSTGRES_URL` (a superuser URL of a running server) uses that server instead;
 * `NTJP_PG_BIN` names the folder of initdb and pg_ctl when they are not in a usual place.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { skipWithReason } from './skip-with-reason.js';
import { freePort } from './free-port.js';

export interface TestPostgres {
  /** a new empty database on the server, as a postgres:// URL */
  createDatabase(): Promise<string>;
}

export const POSTGRES_MISSING = 'no PostgreSQL server binaries (apt install postgresql, or set NTJP_PG_BIN)';

function binDir(): string | undefined {
  const given = process.env.NTJP_PG_BIN;
  if (given) return existsSync(join(given, 'pg_ctl')) ? given : undefined;
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (onPath.status === 0 && existsSync(join(onPath.stdout.trim(), 'pg_ctl'))) return onPath.stdout.trim();
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(debian, versions[0], 'bin');
}

/** The account the server runs as: this one, unless it is root. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { uid: Number(id.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and neither a postgres nor a nobody account exists to run PostgreSQL as');
}

async function startCluster(bin: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ntjp-test-pg-'));
  const data = join(dir, 'data');
  const account = serverAccount();
  if (account) chownSync(dir, account.uid, account.gid);
  const run = (cmd: string, args: string[]): void => {
    execFileSync(join(bin, cmd), args, { stdio: 'pipe', cwd: dir, ...(account ?? {}) });
  };
  const stop = (): void => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // not running (failed start) or already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // A throwaway server: durability settings off (a crash loses the cluster anyway), loopback only.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    return `postgres://postgres@127.0.0.1:${port}`;
  } catch (e) {
    stop();
    process.removeListener('exit', stop);
    throw e;
  }
}

let server: Promise<string> | undefined;
let databases = 0;

/** The process's test server (started on first use), or undefined where no PostgreSQL is at hand. */
export async function testPostgres(): Promise<TestPostgres | undefined> {
  const given = process.env.NTJP_TEST_POSTGRES_URL;
  if (!given) {
    const bin = binDir();
    if (!bin) return undefined;
    server ??= startCluster(bin);
  }
  const base = given ?? (await server!);
  return {
    async createDatabase() {
      const name = `ntjp_test_${process.pid}_${++databases}`;
      const at = (db: string): string => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
      const admin = new pg.Client({ connectionString: at('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return at(name);
    },
  };
}

/** A fresh database for the running suite, or the suite skipped with the reason (use in `before`). */
export async function testDatabaseOrSkip(ctx: Mocha.Context): Promise<string> {
  const server = await testPostgres();
  if (!server) skipWithReason(ctx, POSTGRES_MISSING);
  return server.createDatabase();
}
