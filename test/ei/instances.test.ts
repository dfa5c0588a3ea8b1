import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postSoap } from '../../src/shared/soap/client.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import type { DatabaseTarget } from '../../src/store/database-target.js';
import { describeEachStore } from '../support/each-store.js';
import { eventually, removeDir, routeNotificationsTo, startEi, type EiUnderTest } from './support.js';
import { engagement, findContentRequest, foundEngagements, resultCode, updateRequest, PATIENT } from './fixtures.js';
import { startCountingSubscriber, type CountingSubscriber } from './counting-subscriber.js';
import { databaseSetting, openStoreOn } from './stores.js';

const CHILD = fileURLToPath(new URL('./leasing-ei.ts', import.meta.url));
const MESSAGES = 30;
/** The killed instance's delivery timeout and lease (the lease must outlast the timeout by 5 s). */
const CHILD_TIMEOUT_MS = 5000;
const CHILD_LEASE_MS = 10_000;

describeEachStore('EI instances sharing one database', (fresh) => {
  let target: DatabaseTarget;
  let subscriber: CountingSubscriber | undefined;
  const instances: EiUnderTest[] = [];
  const dirs: string[] = [];
  let child: ChildProcess | undefined;

  /** An EI instance on the shared database, notifying SUB at the counting subscriber. */
  async function instance(id: string): Promise<EiUnderTest> {
    const dir = mkdtempSync(join(tmpdir(), 'ntjp-ei-instance-'));
    dirs.push(dir);
    const ei = await startEi({ 'platform.database': databaseSetting(target), 'platform.instanceId': id }, dir);
    instances.push(ei);
    routeNotificationsTo(ei, subscriber!.url);
    ei.subscribe([{ logicalAddress: 'SUB' }]);
    return ei;
  }
  const update = (ei: EiUnderTest, n: number) =>
    ei.post('/ei/update', updateRequest([{ engagement: engagement({ businessObjectInstanceIdentifier: `doc-${n}` }) }]), { 'x-skltp-correlation-id': `msg-${n}` });
  const drained = async () => (await Promise.all(instances.map(async (i) => (await i.api.stats()).outbox.length === 0))).every(Boolean);

  beforeEach(async function () {
    this.timeout(30_000);
    target = await fresh();
  });
  afterEach(async function () {
    this.timeout(30_000);
    child?.kill('SIGKILL');
    child = undefined;
    await Promise.all(instances.splice(0).map((i) => i.close()));
    await subscriber?.close();
    subscriber = undefined;
    dirs.splice(0).forEach(removeDir);
  });

  it('an Update through instance A is found by FindContent through instance B at once', async function () {
    this.timeout(30_000);
    subscriber = await startCountingSubscriber();
    const [a, b] = [await instance('A'), await instance('B')];
    expect(resultCode(await update(a, 1))).to.equal('OK');
    const found = foundEngagements(await b.post('/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: engagement().serviceDomain })));
    expect(found.map((e) => e.businessObjectInstanceIdentifier)).to.deep.equal(['doc-1']);
  });

  it('delivers each notification exactly once while both instances run notifiers on the queue', async function () {
    this.timeout(60_000);
    subscriber = await startCountingSubscriber(() => 20);
    const both = [await instance('A'), await instance('B')];
    const answers = await Promise.all(Array.from({ length: MESSAGES }, (_, n) => update(both[n % 2]!, n)));
    expect(answers.map(resultCode)).to.deep.equal(Array(MESSAGES).fill('OK'));
    await eventually(() => subscriber!.completed.size === MESSAGES, 'every notification delivered', 800, 25);
    await eventually(drained, 'both outboxes empty', 400, 25);
    const ids = Array.from({ length: MESSAGES }, (_, n) => `msg-${n}`);
    expect(ids.map((id) => subscriber!.completed.get(id) ?? 0)).to.deep.equal(Array(MESSAGES).fill(1));
    expect(ids.map((id) => subscriber!.received.get(id) ?? 0), 'no message sent twice').to.deep.equal(Array(MESSAGES).fill(1));
  });

  it('after kill -9 of the instance holding a lease, the other delivers the message once the lease expires', async function () {
    this.timeout(60_000);
    // The first attempt is held open until its sender dies; any later one is answered.
    subscriber = await startCountingSubscriber((_id, attempt) => (attempt === 1 ? 'hold' : 0));
    const dir = mkdtempSync(join(tmpdir(), 'ntjp-ei-killed-'));
    dirs.push(dir);
    child = spawn(process.execPath, ['--import', 'tsx', CHILD, databaseSetting(target), dir, subscriber.url, String(CHILD_LEASE_MS), String(CHILD_TIMEOUT_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const { url, secret } = JSON.parse(line.toString()) as { url: string; secret: string };
    const body = updateRequest([{ engagement: engagement({ businessObjectInstanceIdentifier: 'doc-killed' }) }]);
    const answer = await postSoap({ url: url + '/ei/update', body, headers: { 'x-skltp-correlation-id': 'msg-killed', [PLATFORM_SECRET_HEADER]: secret } });
    expect(resultCode(answer)).to.equal('OK');
    await eventually(() => subscriber!.received.get('msg-killed') === 1, 'the killed instance to be sending it');
    const view = await openStoreOn(target);
    const leased = await view.store.outbox.head('SUB').finally(() => view.close());
    expect(leased!.leaseOwner).to.match(/^KILLED\//);
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = undefined;

    await instance('B');
    await eventually(() => subscriber!.completed.get('msg-killed') === 1, 'the other instance to deliver it', 600, 25);
    await eventually(drained, 'the outbox empty', 200, 25);
    expect(subscriber.completedAt.get('msg-killed')!, 'not before the lease expired').to.be.at.least(leased!.leaseUntil!);
    expect(subscriber.received.get('msg-killed'), 'the held attempt and the delivery').to.equal(2);
    expect(subscriber.completed.get('msg-killed')).to.equal(1);
  });
});
