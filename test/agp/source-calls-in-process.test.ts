import { expect } from 'chai';
import { startProducer, type Producer } from './producers.js';
import { startAgpPlatform, CONSUMER, PLATFORM } from './platform.js';
import { aggregated, scheduleAnswer, scheduleRequest, SCHEDULING_DOMAIN, SCHEDULING_NS } from './fixtures.js';
import { freePort } from '../support/free-port.js';
import type { VpApi } from '../../src/vp/index.js';

const unit = (i: number): string => `SE2321000016-W${String(i).padStart(3, '0')}`;

/** Traffic entry fields that do not depend on timing or on which platform instance answered. */
const ENTRY_FIELDS = ['listener', 'path', 'sender', 'originalConsumer', 'receiver', 'contract', 'outcome', 'faultCode', 'httpStatus', 'producerUrl', 'routeTrace', 'permissionTrace'] as const;

describe('AgP source calls handed to the hub in-process', function () {
  const producers: Producer[] = [];
  let urls: string[] = [];

  before(async () => {
    producers.push(
      await startProducer({ kind: 'records', body: scheduleAnswer(2) }),
      await startProducer({ kind: 'fault', text: 'Journal database offline' }),
      await startProducer({ kind: 'garbage' }),
    );
    urls = [...producers.map((p) => p.url), `http://127.0.0.1:${await freePort()}/gone`];
  });
  after(async () => {
    await Promise.all(producers.map((p) => p.close()));
  });

  /** One aggregated call over the four sources; what the consumer got and what the hub logged below it. */
  async function aggregateWith(inProcess: boolean, servicesInProcess = true) {
    const agp = await startAgpPlatform({ 'agp.sourceCallsInProcess': inProcess, 'vp.servicesInProcess': servicesInProcess, 'agp.sourceTimeoutMs': 5000 });
    let servicesPortConnections = 0;
    agp.platform.ctx.soap.server.on('connection', () => servicesPortConnections++);
    try {
      urls.forEach((url, i) => {
        agp.route(unit(i), SCHEDULING_NS, url);
        agp.permit(CONSUMER, unit(i), SCHEDULING_NS);
      });
      await agp.engage(urls.map((_, i) => ({ logicalAddress: unit(i), serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
      const traffic = agp.test.ctx.use<VpApi>('vp').traffic;
      traffic.setCapture(true);
      const answer = aggregated(await agp.call(scheduleRequest()));
      // Records come in the order the sources answered.
      const status = answer.status.sort((a, b) => a.logicalAddress.localeCompare(b.logicalAddress));
      // The consumer's own call is recorded when its answer has gone, which may be after the consumer read it.
      const below = traffic.list({ correlationId: 'test-correlation-id' }).filter((e) => !(e.sender === CONSUMER && e.receiver === PLATFORM));
      // Each platform has its own services port (the EI's FindContent).
      const fields = (e: (typeof below)[number]) => ({ ...e, producerUrl: e.producerUrl?.replace(agp.platform.servicesBaseUrl, 'services:') });
      const entries = below.map((e) => Object.fromEntries(ENTRY_FIELDS.map((f) => [f, fields(e)[f]]))).sort((a, b) => `${a.contract}${a.receiver}`.localeCompare(`${b.contract}${b.receiver}`));
      // Only a call that crossed HTTP carries the Host header its client wrote.
      const overHttp = below.map((e) => e.requestHeaders?.host !== undefined);
      const consumerCall = (): typeof below => traffic.list({ correlationId: 'test-correlation-id' }).filter((e) => e.sender === CONSUMER && e.receiver === PLATFORM);
      for (let i = 0; i < 100 && consumerCall().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const consumerEntry = consumerCall().map((e) => Object.fromEntries(ENTRY_FIELDS.map((f) => [f, fields(e)[f]])));
      return { payload: answer.payload, status, entries, overHttp, consumerEntry, servicesPortConnections };
    } finally {
      await agp.close();
    }
  }

  it('gives the same answer, ProcessingStatus and traffic entries of FindContent and every source call as over the HTTP listener', async () => {
    const overHttp = await aggregateWith(false);
    const inProcess = await aggregateWith(true);
    expect(inProcess.payload).to.deep.equal(overHttp.payload);
    expect(inProcess.status).to.deep.equal(overHttp.status);
    expect(inProcess.entries).to.deep.equal(overHttp.entries);
    expect(overHttp.overHttp).to.deep.equal([true, true, true, true, true]);
    expect(inProcess.overHttp).to.deep.equal([false, false, false, false, false]);
    expect(inProcess.status.map((s) => [s.logicalAddress, s.statusCode, s.code])).to.deep.equal([
      [unit(0), 'DataFromSource', undefined],
      [unit(1), 'NoDataSynchFailed', '500'],
      [unit(2), 'NoDataSynchFailed', '43000'],
      [unit(3), 'NoDataSynchFailed', '500'],
    ]);
    expect(inProcess.entries.map((e) => [e.sender, e.receiver, e.outcome, e.faultCode ?? null, e.listener, e.path])).to.deep.equal([
      [CONSUMER, unit(0), 'ok', null, 'http', '/vp'],
      [CONSUMER, unit(1), 'producer-fault', null, 'http', '/vp'],
      [CONSUMER, unit(2), 'ok', null, 'http', '/vp'],
      [CONSUMER, unit(3), 'vp-fault', 'VP009', 'http', '/vp'],
      [PLATFORM, PLATFORM, 'ok', null, 'http', '/vp'],
    ]);
  });

  it("gives the same answer and traffic entries with the hub's calls to AgP and the EI handed to them in-process as over the services port", async () => {
    const overPort = await aggregateWith(true, false);
    const inProcess = await aggregateWith(true, true);
    expect(inProcess.payload).to.deep.equal(overPort.payload);
    expect(inProcess.status).to.deep.equal(overPort.status);
    expect(inProcess.entries).to.deep.equal(overPort.entries);
    expect(inProcess.consumerEntry).to.deep.equal(overPort.consumerEntry);
    expect(inProcess.consumerEntry.map((e) => [e.outcome, e.httpStatus, e.producerUrl])).to.deep.equal([['ok', 200, 'services:/agp/GetSubjectOfCareSchedule/1']]);
    expect(overPort.servicesPortConnections).to.be.greaterThan(0);
    expect(inProcess.servicesPortConnections).to.equal(0);
  });
});
