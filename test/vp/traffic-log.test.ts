import { expect } from 'chai';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import { BodyCapture, CAPTURE_MAX_BYTES, TrafficLog, type NewTrafficEntry } from '../../src/vp/traffic-log.js';

const entry = (n: number, o: Partial<NewTrafficEntry> = {}): NewTrafficEntry => ({
  correlationId: `c${n}`, time: '2026-01-01T00:00:00Z', outcome: 'ok', httpStatus: 200, durationMs: 1, sender: 'S', receiver: 'R', contract: 'urn:x', ...o,
});

describe('hub traffic log', () => {
  it('keeps only the last N calls, newest first', () => {
    const log = new TrafficLog(3);
    for (let i = 1; i <= 5; i++) log.add(entry(i));
    expect(log.count).to.equal(3);
    expect(log.list().map((e) => e.correlationId)).to.deep.equal(['c5', 'c4', 'c3']);
    expect(log.list({ limit: 2 }).map((e) => e.correlationId)).to.deep.equal(['c5', 'c4']);
  });

  it('filters on sender, receiver, contract, outcome and fault code, case-insensitively', () => {
    const log = new TrafficLog(10);
    log.add(entry(1));
    log.add(entry(2, { outcome: 'vp-fault', faultCode: 'VP004', receiver: 'OTHER' }));
    expect(log.list({ faultCode: 'vp004' }).map((e) => e.correlationId)).to.deep.equal(['c2']);
    expect(log.list({ receiver: 'r', outcome: 'ok' }).map((e) => e.correlationId)).to.deep.equal(['c1']);
  });

  it('finds a call by its log number only while the ring still holds it', () => {
    const log = new TrafficLog(3);
    for (let i = 1; i <= 5; i++) log.add(entry(i));
    expect([0, 1, 2, 3, 4, 5, 6].map((seq) => log.get(seq)?.correlationId)).to.deep.equal([undefined, undefined, undefined, 'c3', 'c4', 'c5', undefined]);
  });

  it('never keeps credentials or the platform secret among the headers, only that they were sent', () => {
    const log = new TrafficLog(1);
    const stored = log.add(entry(1, { requestHeaders: { authorization: 'Bearer t', cookie: 'c=1', 'x-a': 'b' }, producerHeaders: { [PLATFORM_SECRET_HEADER]: 's3cret', 'x-a': 'b' } }));
    expect([stored.requestHeaders, stored.producerHeaders]).to.deep.equal([
      { authorization: '(hidden)', cookie: '(hidden)', 'x-a': 'b' },
      { [PLATFORM_SECRET_HEADER]: '(hidden)', 'x-a': 'b' },
    ]);
  });

  it('keeps a failing subscriber from breaking the call being logged', () => {
    const log = new TrafficLog(2);
    const seen: string[] = [];
    log.subscribe(() => {
      throw new Error('closed stream');
    });
    log.subscribe((e) => seen.push(e.correlationId));
    log.add(entry(1));
    expect(seen).to.deep.equal(['c1']);
  });

  it('captures at most 64 KiB of a body', () => {
    const capture = new BodyCapture();
    capture.tap(Buffer.alloc(CAPTURE_MAX_BYTES - 10, 'a'));
    capture.tap(Buffer.alloc(100, 'b'));
    capture.tap(Buffer.alloc(100, 'c'));
    expect(capture.text()).to.have.length(CAPTURE_MAX_BYTES).and.match(/a{10}b{10}$/);
  });
});
