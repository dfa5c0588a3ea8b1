/**
 * A slice of a list of plain objects as it crosses from the job worker: each distinct primitive value once,
 * and per row its keys (a shape, also once) and the indexes of its values. A snapshot's routes repeat a
 * handful of namespaces, URLs, components and dates; sent as objects, every copy would arrive as a new string
 * the main thread must allocate and later collect, which shows as garbage-collection pauses in routed calls.
 * Objects and arrays inside a row (a permission's filters) are sent as they are, one per row.
 */
export interface PackedSlice {
  shapes: string[][];
  values: unknown[];
  /** per row: shape index, then one value index per key */
  cells: Int32Array;
}

export function packSlice(rows: readonly object[]): PackedSlice {
  const shapeIds = new Map<string, number>();
  const valueIds = new Map<unknown, number>();
  const shapes: string[][] = [];
  const values: unknown[] = [];
  const cells: number[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    const shapeKey = keys.join('\n');
    let shape = shapeIds.get(shapeKey);
    if (shape === undefined) shapeIds.set(shapeKey, (shape = shapes.push(keys) - 1));
    cells.push(shape);
    for (const key of keys) {
      const value = (row as Record<string, unknown>)[key];
      let id = typeof value === 'object' && value !== null ? undefined : valueIds.get(value);
      if (id === undefined) {
        id = values.push(value) - 1;
        if (typeof value !== 'object' || value === null) valueIds.set(value, id);
      }
      cells.push(id);
    }
  }
  return { shapes, values, cells: Int32Array.from(cells) };
}

export function unpackSlice<T>({ shapes, values, cells }: PackedSlice): T[] {
  const rows: T[] = [];
  for (let i = 0; i < cells.length; ) {
    const row: Record<string, unknown> = {};
    for (const key of shapes[cells[i++]!]!) row[key] = values[cells[i++]!];
    rows.push(row as T);
  }
  return rows;
}
