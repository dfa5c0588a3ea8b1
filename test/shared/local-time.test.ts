import { expect } from 'chai';
import { localTimestamp, localToday } from '../../src/shared/local-time.js';

describe('local dates and timestamps', () => {
  const lateOnNewYearsEve = new Date(2025, 11, 31, 23, 59, 58);

  it('writes the local calendar day as YYYY-MM-DD, zero-padded', () => {
    expect(localToday(lateOnNewYearsEve)).to.equal('2025-12-31');
    expect(localToday(new Date(987, 0, 2, 0, 0, 0))).to.equal('0987-01-02');
  });

  it('writes the local time as the 14-digit RIV timestamp', () => {
    expect(localTimestamp(lateOnNewYearsEve)).to.equal('20251231235958');
    expect(localTimestamp(new Date(2026, 2, 4, 5, 6, 7))).to.equal('20260304050607');
  });
});
