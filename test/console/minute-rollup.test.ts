import { expect } from 'chai';
import { MinuteRollup, ROLLUP_MINUTES } from '../../src/console/dashboard/minute-rollup.js';

const A = 'urn:riv:test:AResponder:1';
const B = 'urn:riv:test:BResponder:1';

describe('console dashboard: calls per contract and minute over the last hour', () => {
  it('counts calls and errors per minute and reads p50 and p99 from the latency buckets, never above the slowest call', () => {
    let now = Date.UTC(2026, 11, 7, 12, 0, 30);
    const rollup = new MinuteRollup(() => now);
    for (let i = 1; i <= 100; i++) rollup.record({ contract: A, outcome: i <= 10 ? 'vp-fault' : 'ok', durationMs: i });
    rollup.record({ contract: B, outcome: 'ok', durationMs: 0.2 });
    now += 60_000;
    rollup.record({ contract: A, outcome: 'ok', durationMs: 4 });
    const [a, b] = rollup.series();
    expect([a!.contract, a!.calls, b!.contract, b!.calls]).to.deep.equal([A, 101, B, 1]);
    expect(a!.points).to.have.length(ROLLUP_MINUTES);
    expect(a!.points.at(-2)).to.deep.equal({ atMs: Date.UTC(2026, 11, 7, 12, 0), calls: 100, errorPercent: 10, p50Ms: 50, p99Ms: 100 });
    expect(a!.points.at(-1)).to.deep.include({ calls: 1, errorPercent: 0, p50Ms: 4, p99Ms: 4 });
    expect(b!.points.at(-2)).to.deep.include({ p50Ms: 0.2, p99Ms: 0.2 });
    expect(a!.points[0]).to.deep.include({ calls: 0, errorPercent: undefined, p50Ms: undefined });
  });

  it('forgets minutes older than an hour', () => {
    let now = Date.UTC(2026, 11, 7, 12, 0);
    const rollup = new MinuteRollup(() => now);
    rollup.record({ contract: A, outcome: 'ok', durationMs: 1 });
    now += ROLLUP_MINUTES * 60_000;
    rollup.record({ contract: B, outcome: 'ok', durationMs: 1 });
    expect(rollup.series().map((s) => s.contract)).to.deep.equal([B]);
  });
});
