import { expect } from 'chai';
import { startEi, startSubscribers, routeNotificationsTo, eventually, removeDir, type EiUnderTest } from './support.js';
import { engagement, updateRequest, resultCode, findContentRequest, foundEngagements, PATIENT } from './fixtures.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';
import { child, children } from '../../src/shared/xml/tree.js';
import { EI_NS } from '../../src/ei/index.js';
import type { ReceivedNotification } from './support.js';

const DESCRIPTION = 'riv:clinicalprocess:healthcond:description';
const SCHEDULING = 'riv:crm:scheduling';
const FAST_RETRIES = { 'ei.notificationRedeliveryDelayMs': 5, 'ei.notificationBackoffMultiplier': 2, 'ei.notificationMaxRedeliveries': 2, 'ei.notificationTimeoutMs': 2000 };

/** "<deleteFlag>/<boii>/<mostRecentContent>" per transaction of a received ProcessNotification. */
function summary(n: ReceivedNotification): string[] {
  return children(n.envelope.payload, 'engagementTransaction', EI_NS.processNotification).map((t) => {
    const e = child(t, 'engagement', EI_NS.core);
    return `${child(t, 'deleteFlag', EI_NS.core)?.text}/${child(e, 'businessObjectInstanceIdentifier', EI_NS.core)?.text}/${child(e, 'mostRecentContent', EI_NS.core)?.text ?? '-'}`;
  });
}

describe('EI notification of subscribers', () => {
  let ei: EiUnderTest | undefined;
  let subs: Awaited<ReturnType<typeof startSubscribers>> | undefined;
  afterEach(async () => {
    await ei?.close();
    await subs?.close();
    if (ei) removeDir(ei.dataDir);
    ei = undefined;
    subs = undefined;
  });

  async function setUp(settings: Record<string, number | boolean> = {}, behaviour?: Parameters<typeof startSubscribers>[0]): Promise<EiUnderTest> {
    subs = await startSubscribers(behaviour);
    ei = await startEi(settings);
    routeNotificationsTo(ei, subs.url);
    return ei;
  }

  const rest = (path: string, init: RequestInit = {}, token?: string) =>
    fetch(ei!.platform.adminUrl.replace('localhost', '127.0.0.1') + path, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  it('each subscriber gets the changes its catalogue filters let through, addressed to it, with the correlation id', async () => {
    await setUp();
    ei!.subscribe([
      { logicalAddress: 'SUB-ALL' },
      { logicalAddress: 'SUB-VOO', filters: [{ serviceDomain: DESCRIPTION.toUpperCase(), categorizations: ['VOO'] }] },
      { logicalAddress: 'SUB-SCHED', filters: [{ serviceDomain: SCHEDULING, categorizations: [] }] },
      { logicalAddress: 'SUB-NONE', filters: [{ serviceDomain: 'riv:other', categorizations: [] }] },
    ]);
    await ei!.post('/ei/update', updateRequest([
      { engagement: engagement({ businessObjectInstanceIdentifier: 'voo' }) },
      { engagement: engagement({ businessObjectInstanceIdentifier: 'dia', categorization: 'dia' }) },
      { engagement: engagement({ businessObjectInstanceIdentifier: 'sched', serviceDomain: SCHEDULING, categorization: 'NA' }) },
    ]), { 'x-skltp-correlation-id': 'corr-42' });
    await eventually(() => subs!.received.length === 3, 'three notifications');
    const by = (a: string) => subs!.received.filter((n) => n.logicalAddress === a).flatMap(summary);
    expect(by('SUB-ALL')).to.deep.equal(['false/voo/20240101120000', 'false/dia/20240101120000', 'false/sched/20240101120000']);
    expect(by('SUB-VOO')).to.deep.equal(['false/voo/20240101120000']);
    expect(by('SUB-SCHED')).to.deep.equal(['false/sched/20240101120000']);
    expect(by('SUB-NONE')).to.deep.equal([]);
    expect(subs!.received.every((n) => n.correlationId === 'corr-42')).to.equal(true);
  });

  it('only new, changed and deleted engagements are sent, in order per subscriber; an unchanged one is not', async () => {
    await setUp();
    ei!.subscribe([{ logicalAddress: 'SUB-A' }]);
    const send = async (deleteFlag: boolean, mostRecentContent: string) =>
      expect(resultCode(await ei!.post('/ei/update', updateRequest([{ deleteFlag, engagement: engagement({ businessObjectInstanceIdentifier: 'k', mostRecentContent }) }])))).to.equal('OK');
    await send(false, '20240101000000');
    await send(false, '20240101000000');
    await send(false, '20240202000000');
    await send(true, '20240202000000');
    await eventually(() => subs!.received.length === 3, 'three notifications');
    expect(subs!.received.flatMap(summary)).to.deep.equal(['false/k/20240101000000', 'false/k/20240202000000', 'true/k/20240202000000']);
  });

  it('a failing subscriber is retried with backoff, then dead-lettered, then redelivered on request (REST)', async () => {
    let healthy = false;
    await setUp(FAST_RETRIES, () => (healthy ? 'ok' : 'fault'));
    ei!.subscribe([{ logicalAddress: 'SUB-DOWN' }]);
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement() }]));
    await eventually(async () => (await ei!.api.deadLetters()).length === 1, 'a dead letter');
    const [dead] = await ei!.api.deadLetters();
    expect(dead).to.include({ subscriber: 'SUB-DOWN', attempts: 3, transactions: 1 });
    expect(dead!.lastError).to.contain('subscriber down');
    expect(subs!.attempts.get('SUB-DOWN')).to.equal(3);
    const listed = await (await rest('/api/ei/dead-letters')).json() as Array<{ id: number }>;
    expect(listed.map((d) => d.id)).to.deep.equal([dead!.id]);
    expect((await rest('/api/ei/dead-letters/redeliver', { method: 'POST', body: '{}' })).status).to.equal(401);
    healthy = true;
    const redelivered = await rest('/api/ei/dead-letters/redeliver', { method: 'POST', body: JSON.stringify({ ids: [dead!.id] }) }, ei!.platform.ctx.operatorToken);
    expect(await redelivered.json()).to.deep.equal({ redelivered: 1 });
    await eventually(() => subs!.received.length === 1, 'the redelivered notification');
    expect(await ei!.api.deadLetters()).to.deep.equal([]);
    expect((await ei!.api.stats()).outbox).to.deep.equal([]);
  });

  it('an answer that is not SOAP counts as a failure and is retried', async () => {
    await setUp(FAST_RETRIES, (_a, n) => (n === 1 ? 'garbage' : 'ok'));
    ei!.subscribe([{ logicalAddress: 'SUB-GARBLED' }]);
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement() }]));
    await eventually(() => subs!.received.length === 1, 'delivery after a retry');
    expect(subs!.attempts.get('SUB-GARBLED')).to.equal(2);
  });

  it('a hanging subscriber delays nobody else, and times out into the dead letters', async () => {
    await setUp({ ...FAST_RETRIES, 'ei.notificationMaxRedeliveries': 0, 'ei.notificationTimeoutMs': 300 }, (a) => (a === 'SUB-HANG' ? 'hang' : 'ok'));
    ei!.subscribe([{ logicalAddress: 'SUB-HANG' }, { logicalAddress: 'SUB-OK' }]);
    for (let i = 0; i < 3; i++) await ei!.post('/ei/update', updateRequest([{ engagement: engagement({ businessObjectInstanceIdentifier: `b${i}` }) }]));
    await eventually(() => subs!.received.length === 3, 'the healthy subscriber served');
    expect(subs!.attempts.get('SUB-HANG')).to.equal(1);
    expect(await ei!.api.deadLetters()).to.deep.equal([]);
    await eventually(async () => (await ei!.api.deadLetters()).length === 3, 'the hanging subscriber dead-lettered');
    expect((await ei!.api.deadLetters())[0]!.lastError).to.match(/timeout|abort/i);
  });

  it('notifications still queued when the platform stops are delivered after a restart', async () => {
    await setUp({ 'ei.notificationTimeoutMs': 60000 }, () => 'hang');
    const dataDir = ei!.dataDir;
    ei!.subscribe([{ logicalAddress: 'SUB-LATE' }]);
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement() }]));
    await eventually(() => subs!.attempts.get('SUB-LATE') === 1, 'the first attempt');
    await ei!.close();
    await subs!.close();
    subs = await startSubscribers();
    ei = await startEi({}, dataDir);
    routeNotificationsTo(ei, subs.url);
    await eventually(() => subs!.received.length === 1, 'delivery after the restart');
    expect(subs.received.flatMap(summary)).to.deep.equal(['false/NA/20240101120000']);
  });

  it('the write lock accepts and keeps requests without applying them, and applies them in order when lifted', async () => {
    await setUp();
    ei!.subscribe([{ logicalAddress: 'SUB-A' }]);
    const token = ei!.platform.ctx.operatorToken;
    expect(await (await rest('/api/ei/write-lock', { method: 'PUT', body: '{"writeLock":true}' }, token)).json()).to.deep.equal({ writeLock: true, heldRequests: 0, applied: 0 });
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement({ mostRecentContent: '20240101000000' }) }]));
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement({ mostRecentContent: '20240303000000' }) }]));
    const found = async () => foundEngagements(await ei!.post('/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: DESCRIPTION })));
    expect(await found()).to.deep.equal([]);
    expect(await (await rest('/api/ei/write-lock')).json()).to.deep.equal({ writeLock: true, heldRequests: 2 });
    expect(await (await rest('/api/ei/write-lock', { method: 'PUT', body: '{"writeLock":false}' }, token)).json()).to.deep.equal({ writeLock: false, heldRequests: 0, applied: 2 });
    expect((await found()).map((e) => e.mostRecentContent)).to.deep.equal(['20240303000000']);
    await eventually(() => subs!.received.length === 2, 'both notifications');
    expect(subs!.received.flatMap(summary)).to.deep.equal(['false/NA/20240101000000', 'false/NA/20240303000000']);
  });

  it('the ProcessNotification payload sent to subscribers is valid against the official schema', async function () {
    skipWithoutReference(this);
    await setUp();
    ei!.subscribe([{ logicalAddress: 'SUB-A' }]);
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement() }]));
    await ei!.post('/ei/update', updateRequest([{ engagement: engagement({ mostRecentContent: '20250101000000' }) }]));
    await ei!.post('/ei/update', updateRequest([{ deleteFlag: true, engagement: engagement() }]));
    await eventually(() => subs!.received.length === 3, 'three notifications');
    for (const n of subs!.received) expect(await validatePayloadXml(n.raw)).to.deep.equal([]);
  });
});
