/**
 * Where the hub's bare lookup time goes (follow-up of tak-publish): the same key sequence as tak-publish, on
 * hub indexes of 10 and of `TAK_BENCH_ROWS` (default 100000) routes + permissions, timed part by part: making
 * the inputs, building the lower-cased keys, the map reads with those keys, the validity filter, and the
 * whole lookUpRoutes / checkPermission. Rows of a part are cumulative (each adds one piece to the one above).
 */
import { performance } from 'node:perf_hooks';
import { localToday } from '../src/shared/local-time.js';
import { compileCatalogue, checkPermission, lookUpRoutes, type CatalogueIndex } from '../src/vp/index.js';
import type { CatalogueSnapshot } from '../src/tak/snapshot.js';
import { report } from './support/report.js';

const ROWS = Number(process.env.TAK_BENCH_ROWS ?? 100_000);
const LOOKUPS = Number(process.env.TAK_BENCH_LOOKUPS ?? 200_000);
const ROUNDS = 5;
const CONTRACTS = ['urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1', 'urn:riv:crm:scheduling:MakeBookingResponder:1'];
const CONSUMER = 'SE2321000016-KONS';
const unit = (i: number): string => `SE2321000016-${String(i).padStart(6, '0')}`;

/** The catalogue tak-publish builds by order, as a snapshot: rows/2 care units × 2 contracts, one consumer. */
function snapshot(rows: number): CatalogueSnapshot {
  const routes: CatalogueSnapshot['routes'] = [];
  const permissions: CatalogueSnapshot['permissions'] = [];
  for (let k = 0; k < rows; k++) {
    const logicalAddress = unit(Math.floor(k / CONTRACTS.length));
    const namespace = CONTRACTS[k % CONTRACTS.length]!;
    routes.push({ id: k + 1, logicalAddress, namespace, profile: 'RIVTABP21', url: `https://producer${k % 50}.example:8443/vp`, component: 'SE2321000016-PROD', from: '2020-01-01', to: '2120-01-01' });
    permissions.push({ id: k + 1, logicalAddress, namespace, consumer: CONSUMER, from: '2020-01-01', to: '2120-01-01', filters: [] });
  }
  return { version: 1, publishedAt: new Date().toISOString(), routes, permissions, hsaUnits: [] };
}

type Part = (index: CatalogueIndex, receiver: string, ns: string, today: string) => number;

/** Each part returns a number so that the work cannot be dropped. */
const PARTS: Array<[string, Part]> = [
  ['make receiver + namespace', (_i, r, ns) => r.length + ns.length],
  ['+ build both lower-cased keys', (_i, r, ns) => `${r}|${ns}`.toLowerCase().length + `${r}|${CONSUMER}|${ns}`.toLowerCase().length],
  ['+ both map reads', (i, r, ns) => i.routes.get(`${r}|${ns}`.toLowerCase())!.length + i.permissions.get(`${r}|${CONSUMER}|${ns}`.toLowerCase())!.length],
  [
    '+ validity filter (= the two lookups without trace)',
    (i, r, ns, d) =>
      i.routes.get(`${r}|${ns}`.toLowerCase())!.filter((e) => e.from <= d && d <= e.to).length +
      (i.permissions.get(`${r}|${CONSUMER}|${ns}`.toLowerCase())!.some((e) => e.from <= d && d <= e.to) ? 1 : 0),
  ],
  ['lookUpRoutes alone', (i, r, ns, d) => lookUpRoutes(i, r, ns, d).routes.length],
  ['checkPermission alone', (i, r, ns, d) => (checkPermission(i, CONSUMER, r, ns, d).allowed ? 1 : 0)],
  ['lookUpRoutes + checkPermission (tak-publish)', (i, r, ns, d) => lookUpRoutes(i, r, ns, d).routes.length + (checkPermission(i, CONSUMER, r, ns, d).allowed ? 1 : 0)],
];

/** ns per call of `part` over tak-publish's pseudo-random sequence of existing keys. */
function nsPerCall(part: Part, index: CatalogueIndex, rows: number, today: string): number {
  let seed = 7;
  let sink = 0;
  const t0 = performance.now();
  for (let n = 0; n < LOOKUPS; n++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const k = seed % rows;
    sink += part(index, unit(Math.floor(k / CONTRACTS.length)), CONTRACTS[k % CONTRACTS.length]!, today);
  }
  const ns = ((performance.now() - t0) * 1e6) / LOOKUPS;
  if (sink < LOOKUPS) throw new Error(`a part found nothing (${sink} for ${LOOKUPS} lookups)`);
  return ns;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const today = localToday();
  const small = compileCatalogue(snapshot(10));
  const big = compileCatalogue(snapshot(ROWS));
  const rows: Array<Record<string, string | number>> = [];
  for (const [name, part] of PARTS) {
    nsPerCall(part, small, 10, today); // warm-up
    const s: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      s.push(nsPerCall(part, small, 10, today));
      b.push(nsPerCall(part, big, ROWS, today));
    }
    rows.push({ part: name, 'ns at 10 rows': Math.round(median(s)), [`ns at ${ROWS} rows`]: Math.round(median(b)), ratio: median(b) / median(s) });
  }
  report('Catalogue lookup, part by part', rows, []);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
