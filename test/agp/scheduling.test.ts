import { expect } from 'chai';
import { startProducer, type Producer, type ProducerBehaviour } from './producers.js';
import { startAgpPlatform, type AgpPlatform, CONSUMER, PATIENT } from './platform.js';
import { aggregated, scheduleAnswer, scheduleRequest, SCHEDULING_DOMAIN, SCHEDULING_NS } from './fixtures.js';
import { children, childText } from '../../src/shared/xml/tree.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';

const SOURCE_TIMEOUT_MS = 1500;
const unit = (i: number): string => `SE2321000016-V${String(i).padStart(3, '0')}`;

describe('AgP GetSubjectOfCareSchedule 1: fan-out over booking systems', function () {
  let agp: AgpPlatform;
  const producers: Producer[] = [];

  /** Starts one producer per behaviour, routes and permits it, and reports its engagement to the EI. */
  async function sources(...behaviours: ProducerBehaviour[]): Promise<Producer[]> {
    const started = await Promise.all(behaviours.map((b) => startProducer(b)));
    producers.push(...started);
    started.forEach((p, i) => {
      agp.route(unit(i), SCHEDULING_NS, p.url);
      agp.permit(CONSUMER, unit(i), SCHEDULING_NS);
    });
    await agp.engage(started.map((_, i) => ({ logicalAddress: unit(i), serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
    return started;
  }

  async function expectValid(body: string, ctx: Mocha.Context): Promise<void> {
    skipWithoutReference(ctx);
    expect(await validatePayloadXml(body)).to.deep.equal([]);
  }

  beforeEach(async () => {
    // Long enough for 20 sources answering at once on a busy 2-core machine; the hanging sources take 3 s.
    agp = await startAgpPlatform({ 'agp.sourceTimeoutMs': SOURCE_TIMEOUT_MS });
  });
  afterEach(async () => {
    await Promise.all(producers.splice(0).map((p) => p.close()));
    await agp.close();
  });

  const slots = (payload: Parameters<typeof children>[0]) => children(payload, 'timeslotDetail').map((t) => childText(t, 'bookingId'));

  it('with no engagements answers an empty schedule and a ProcessingStatus without records', async function () {
    const answer = await agp.call(scheduleRequest());
    const { payload, status } = aggregated(answer);
    expect(payload.name).to.equal('GetSubjectOfCareScheduleResponse');
    expect(slots(payload)).to.deep.equal([]);
    expect(status).to.deep.equal([]);
    await expectValid(answer.body, this);
  });

  it('with one source calls it through the hub as the consumer, with healthcare_facility and subject_of_care rewritten', async function () {
    const [p] = await sources({ kind: 'records', body: scheduleAnswer(2) });
    const answer = await agp.call(scheduleRequest());
    const { payload, status } = aggregated(answer);
    expect(slots(payload)).to.deep.equal([`${unit(0)}-0`, `${unit(0)}-1`]);
    expect(status).to.deep.equal([{ logicalAddress: unit(0), statusCode: 'DataFromSource' }]);
    const sent = p!.received[0]!;
    expect(sent.body).to.include(`<healthcare_facility>${unit(0)}</healthcare_facility>`).and.include(`<subject_of_care>${PATIENT}</subject_of_care>`);
    expect(sent.headers).to.include({ 'x-vp-sender-id': CONSUMER, 'x-rivta-original-serviceconsumer-hsaid': CONSUMER, 'x-skltp-correlation-id': 'test-correlation-id' });
    await expectValid(answer.body, this);
  });

  it('with three sources merges the three schedules', async function () {
    await sources(...[1, 2, 3].map((n) => ({ kind: 'records' as const, body: scheduleAnswer(n) })));
    const { payload, status } = aggregated(await agp.call(scheduleRequest()));
    expect(slots(payload)).to.have.length(6);
    expect(status.map((s) => s.statusCode)).to.deep.equal(['DataFromSource', 'DataFromSource', 'DataFromSource']);
  });

  it('with 20 sources of 50 timeslots each merges all 1000 and reports 20 records', async function () {
    await sources(...Array.from({ length: 20 }, () => ({ kind: 'records' as const, body: scheduleAnswer(50), delayMs: 50 })));
    const answer = await agp.call(scheduleRequest());
    const { payload, status } = aggregated(answer);
    expect(slots(payload)).to.have.length(1000);
    expect(new Set(status.map((s) => s.logicalAddress)).size).to.equal(20);
    expect(status.every((s) => s.statusCode === 'DataFromSource')).to.equal(true);
    await expectValid(answer.body, this);
  });

  it('a source answering an empty schedule is DataFromSource with no timeslots', async () => {
    await sources({ kind: 'records', body: scheduleAnswer(0) }, { kind: 'records', body: scheduleAnswer(1) });
    const { payload, status } = aggregated(await agp.call(scheduleRequest()));
    expect(slots(payload)).to.deep.equal([`${unit(1)}-0`]);
    expect(status).to.deep.equal([
      { logicalAddress: unit(0), statusCode: 'DataFromSource' },
      { logicalAddress: unit(1), statusCode: 'DataFromSource' },
    ]);
  });

  it('a source timing out loses only its own data: NoDataSynchFailed 504 Read timed out', async function () {
    await sources({ kind: 'records', body: scheduleAnswer(1) }, { kind: 'hang', delayMs: 3000 });
    const answer = await agp.call(scheduleRequest());
    const { payload, status } = aggregated(answer);
    expect(slots(payload)).to.deep.equal([`${unit(0)}-0`]);
    expect(status[1]).to.deep.equal({ logicalAddress: unit(1), statusCode: 'NoDataSynchFailed', code: '504', text: `Read timed out after ${SOURCE_TIMEOUT_MS} ms` });
    await expectValid(answer.body, this);
  });

  it('all sources timing out give an empty schedule with a NoDataSynchFailed record each', async () => {
    await sources({ kind: 'hang', delayMs: 3000 }, { kind: 'hang', delayMs: 3000 });
    const { payload, status } = aggregated(await agp.call(scheduleRequest()));
    expect(slots(payload)).to.deep.equal([]);
    expect(status.map((s) => [s.statusCode, s.code])).to.deep.equal([['NoDataSynchFailed', '504'], ['NoDataSynchFailed', '504']]);
  });

  it('a source answering a SOAP fault is NoDataSynchFailed with code 500 and the fault text', async () => {
    await sources({ kind: 'records', body: scheduleAnswer(1) }, { kind: 'fault', text: 'Journal database offline' });
    const { payload, status } = aggregated(await agp.call(scheduleRequest()));
    expect(slots(payload)).to.deep.equal([`${unit(0)}-0`]);
    expect(status[1]).to.deep.equal({ logicalAddress: unit(1), statusCode: 'NoDataSynchFailed', code: '500', text: 'Journal database offline' });
  });

  it('all sources answering SOAP faults give HTTP 200, no timeslots and a failure record each', async () => {
    await sources({ kind: 'fault', text: 'down A' }, { kind: 'fault', text: 'down B' });
    const { payload, status } = aggregated(await agp.call(scheduleRequest()));
    expect(slots(payload)).to.deep.equal([]);
    expect(status.map((s) => [s.code, s.text])).to.deep.equal([['500', 'down A'], ['500', 'down B']]);
  });

  it('a source answering garbage is NoDataSynchFailed 43000 and the others are merged', async () => {
    await sources({ kind: 'garbage' }, { kind: 'records', body: scheduleAnswer(1) });
    const { payload, status } = aggregated(await agp.call(scheduleRequest()));
    expect(slots(payload)).to.deep.equal([`${unit(1)}-0`]);
    expect(status[0]).to.deep.equal({ logicalAddress: unit(0), statusCode: 'NoDataSynchFailed', code: '43000', text: 'Invalid answer from source (HTTP 200): no SOAP envelope' });
  });

  it('an engagement at an address the consumer may not call is dropped silently: not called, no record, no VP007', async () => {
    const [allowed, forbidden] = await Promise.all([startProducer({ kind: 'records', body: scheduleAnswer(1) }), startProducer({ kind: 'records', body: scheduleAnswer(1) })]);
    producers.push(allowed!, forbidden!);
    agp.route(unit(0), SCHEDULING_NS, allowed!.url);
    agp.permit(CONSUMER, unit(0), SCHEDULING_NS);
    agp.route(unit(1), SCHEDULING_NS, forbidden!.url);
    await agp.engage([0, 1].map((i) => ({ logicalAddress: unit(i), serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
    const answer = await agp.call(scheduleRequest());
    const { status } = aggregated(answer);
    expect(status).to.deep.equal([{ logicalAddress: unit(0), statusCode: 'DataFromSource' }]);
    expect(forbidden!.received).to.have.length(0);
    expect(answer.body).not.to.include('VP007');
  });
});
