import { performance } from 'node:perf_hooks';
import { benchPostgres } from './support/postgres-target.js';
import { openTakStore, TakService } from '../src/tak/index.js';
import { bigOrder } from './support/tak-orders.js';
import { localToday } from '../src/shared/local-time.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const pg = await benchPostgres();
if (!('target' in pg)) throw new Error('no pg');
for (const target of [pg.target, { kind: 'sqlite' as const, file: join(mkdtempSync(join(tmpdir(), 'h25-')), 'x.db') }]) {
  const { store, close } = openTakStore(target, 'x');
  const s = new TakService(store);
  await s.order(bigOrder(100000, localToday()), { dryRun: false, user: 'b' });
  let t = performance.now(); await s.publish('b', 'x'); const first = performance.now() - t;
  await s.add('logicalAddress', { hsaId: 'SE2321000016-NEW' }, 'bench');
  t = performance.now(); await s.publish('b', 'x'); console.log(target.kind, 'publish first', first.toFixed(0), 'after change', (performance.now() - t).toFixed(0));
  await close();
}
