import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engagementKey } from '../../src/ei/engagement-key.js';
import type { Engagement } from '../../src/ei/fields.js';
import type { IngestRequest } from '../../src/ei/store.js';
import { describeEachStore } from '../support/each-store.js';
import { engagement, EI_HSA_ID, PATIENT } from './fixtures.js';
import { databaseSetting, openStoreOn, type OpenStore } from './stores.js';
import { eventually, removeDir, startEi, type EiUnderTest } from './support.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const DOMAIN = 'riv:clinicalprocess:healthcond:description';

function ntjp(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: 20000, env: { ...process.env, NTJP_CONFIG: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

const request = (engagements: Engagement[], correlationId: string): IngestRequest => ({
  kind: 'update', correlationId, ownHsaId: EI_HSA_ID, now: new Date(),
  transactions: engagements.map((e) => ({ deleteFlag: false, engagement: { ...e, owner: EI_HSA_ID }, key: engagementKey({ ...e, owner: EI_HSA_ID }) })),
  notify: (changed) => [{ subscriber: 'SUB', payload: '<x/>', transactions: changed.length }],
});

describeEachStore('ntjp ei --database (straight on the store, no platform)', (fresh) => {
  let open: OpenStore;
  let database: string;
  let ei: EiUnderTest | undefined;
  const run = async (...args: string[]) => {
    const r = await ntjp(['ei', ...args, '--database', database, '--format', 'json']);
    expect(r.code, r.stderr).to.equal(0);
    return JSON.parse(r.stdout) as Record<string, unknown> & unknown[];
  };
  before(async function () {
    this.timeout(30_000);
    const target = await fresh();
    database = databaseSetting(target);
    open = await openStoreOn(target);
    await open.store.accept(request([engagement({ categorization: 'voo' }), engagement({ categorization: 'dia' })], 'seed'));
    const head = await open.store.outbox.lease('SUB', 'test', Date.now(), Date.now() + 60_000);
    await open.store.outbox.dead(head!.id, 'test', 'HTTP 500', Date.now());
  });
  after(async () => {
    await ei?.close();
    if (ei) removeDir(ei.dataDir);
    await open.close();
  });

  it('finds, counts, lists and requeues dead letters, and sets the write lock, each on the store given', async function () {
    this.timeout(60_000);
    expect((await run('find', PATIENT, DOMAIN, '--categorization', 'dia')).map((e) => (e as Engagement).categorization)).to.deep.equal(['dia']);
    const stats = await run('stats');
    expect(stats).to.deep.include({ engagements: 2, outbox: [{ subscriber: 'SUB', pending: 0, dead: 1 }], writeLock: false, heldRequests: 0 });
    expect(stats).to.not.have.property('subscribers');
    expect((await run('dlq')).map((d) => (d as { correlationId: string }).correlationId)).to.deep.equal(['seed']);
    expect(await run('dlq', 'redeliver', '--all')).to.deep.equal({ redelivered: 1 });
    expect(await open.store.outbox.counts()).to.deep.equal([{ subscriber: 'SUB', pending: 1, dead: 0 }]);
    expect(await run('write-lock', 'on')).to.deep.equal({ writeLock: true, heldRequests: 0, applied: 0 });
    expect(await open.store.accept(request([engagement({ categorization: 'und' })], 'while-locked'))).to.equal('held');
    expect(await run('write-lock', 'off')).to.deep.equal({ writeLock: false, heldRequests: 1, applied: 0 });
  });

  it('leaves the held requests to an instance running on the store, which applies them', async function () {
    this.timeout(30_000);
    ei = await startEi({ 'platform.database': database }, mkdtempSync(join(tmpdir(), 'ntjp-ei-cli-')));
    await eventually(async () => (await open.store.heldRequests()) === 0, 'the instance to apply the held request');
    expect((await open.store.find({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN })).map((e) => e.categorization).sort()).to.deep.equal(['dia', 'und', 'voo']);
  });
});
