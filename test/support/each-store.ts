/**
 * Runs one suite against every store the platform supports: the embedded SQLite file and PostgreSQL (a fresh
 * database on the test server of test/support/postgres.ts; the PostgreSQL suite skips, naming why, where no
 * server is at hand). `fresh()` gives a new, empty database target for each call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../src/store/database-target.js';
import { POSTGRES_MISSING, testPostgres } from './postgres.js';
import { skipWithReason } from './skip-with-reason.js';

export type FreshTarget = () => Promise<DatabaseTarget>;

export function describeEachStore(title: string, body: (fresh: FreshTarget) => void): void {
  describe(`${title} (SQLite)`, function () {
    const dirs: string[] = [];
    after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    body(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ntjp-store-'));
      dirs.push(dir);
      return { kind: 'sqlite', file: join(dir, 'ntjp.db') };
    });
  });
  describe(`${title} (PostgreSQL)`, function () {
    before(async function () {
      this.timeout(90_000);
      if (!(await testPostgres())) skipWithReason(this, POSTGRES_MISSING);
    });
    body(async () => ({ kind: 'postgres', url: await (await testPostgres())!.createDatabase() }));
  });
}
