/**
 * The order the real AgP calls its sources in, which is the order their records and ProcessingStatus entries
 * take in the merged answer (docs/agp.md, "Record order"): it collects the distinct call targets in a default
 * `java.util.HashSet` (the scheduling plugin: the keys of a `HashMap`) and aggregates the replies in the
 * iteration order of that set. The order is Java's bucket order, reproduced here from the published hashing.
 */

const INITIAL_CAPACITY = 16;
const LOAD_FACTOR = 0.75;

/** `String.hashCode()`: 31-based over the UTF-16 code units, in 32-bit ints. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The distinct ids as a default HashSet holding them iterates: by bucket (the spread hash masked by the table
 * size the set has grown to), ids sharing a bucket in insertion order. Buckets of more than eight ids, which
 * Java would turn into trees or resize for, are not modelled.
 */
export function javaHashSetOrder(ids: Iterable<string>): string[] {
  const distinct = [...new Set(ids)];
  let capacity = INITIAL_CAPACITY;
  while (distinct.length > capacity * LOAD_FACTOR) capacity *= 2;
  const bucketOf = (id: string): number => {
    const h = javaStringHash(id);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return distinct
    .map((id, inserted) => ({ id, inserted, bucket: bucketOf(id) }))
    .sort((a, b) => a.bucket - b.bucket || a.inserted - b.inserted)
    .map((e) => e.id);
}
