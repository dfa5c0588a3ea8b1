import { expect } from 'chai';
import { javaHashSetOrder } from '../../src/agp/call-order.js';

/** Each case: ids in insertion order, and the iteration order of a `new HashSet<>()` they were added to (Java 17). */
const JAVA_ORDERS: ReadonlyArray<readonly [string[], string[]]> = [
  [['SE2321000016-JOUR-B', 'SE2321000016-JOUR-A'], ['SE2321000016-JOUR-A', 'SE2321000016-JOUR-B']],
  [
    ['SE2321000016-1003', 'SE2321000016-1001', 'SE2321000016-1002', 'SE162321000024-0042', 'SE2321000131-E000000000001'],
    ['SE162321000024-0042', 'SE2321000016-1002', 'SE2321000016-1001', 'SE2321000016-1003', 'SE2321000131-E000000000001'],
  ],
  // "Aa" and "BB" share a hash code: same bucket, insertion order
  [['Aa', 'BB', 'C#', 'AaAa', 'BBBB', 'AaBB'], ['Aa', 'BB', 'C#', 'AaAa', 'BBBB', 'AaBB']],
  [['BB', 'Aa'], ['BB', 'Aa']],
  // 20 ids: the table has grown from 16 to 32 buckets
  [
    Array.from({ length: 20 }, (_, i) => `SE2321000016-S${String.fromCharCode(65 + ((i * 7) % 20))}${i}`),
    ['SL13', 'SG18', 'SR11', 'SM16', 'SS14', 'SN19', 'SC6', 'ST17', 'SD9', 'SA0', 'SB3', 'SI4', 'SJ7', 'SQ8', 'SE12', 'SH1', 'SO2', 'SK10', 'SF15', 'SP5'].map((s) => `SE2321000016-${s}`),
  ],
];

describe('AgP call order', () => {
  for (const [inserted, java] of JAVA_ORDERS) {
    it(`orders ${inserted.length} ids as a Java HashSet iterates them (${inserted.slice(0, 2).join(', ')}, …)`, () => {
      expect(javaHashSetOrder(inserted)).to.deep.equal(java);
    });
  }

  it('keeps each id once', () => {
    expect(javaHashSetOrder(['SE2321000016-JOUR-B', 'SE2321000016-JOUR-A', 'SE2321000016-JOUR-B'])).to.deep.equal(['SE2321000016-JOUR-A', 'SE2321000016-JOUR-B']);
  });
});
