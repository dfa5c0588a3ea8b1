/**
 * The catalogue's job worker (a `node:worker_threads` thread): runs orders, publishes, rollbacks and snapshot
 * loads with the same TakService code as the main thread, on its own connection to the same database
 * (SQLite in WAL mode or PostgreSQL: the main thread keeps reading while a job writes). One job at a time, in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { DatabaseTarget } from '../store/database-target.js';
import { openTakStore } from './open-store.js';
import { READ_NAMES, TakService } from './service.js';
import { TakError } from './errors.js';
import { EDIT_METHODS, SLICE_ENTRIES, movable, type JobReply, type JobRequest, type ListRef, type SnapshotRef } from './job-protocol.js';
import type { CatalogueSnapshot } from './snapshot.js';
import { packSlice, type PackedSlice } from './packed-slice.js';

/**
 * Jobs are background work: on Linux this thread gets a lower CPU priority (nice 10; setpriority on a
 * thread id applies to that thread alone), so that on a busy machine the main thread's calls come first.
 * Elsewhere, or where it is not allowed, the thread keeps the process's priority.
 */
function lowerThreadPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // not Linux, or not permitted: same priority as the main thread
  }
}

lowerThreadPriority();
const port = parentPort!;
const service = new TakService(openTakStore((workerData as { target: DatabaseTarget }).target, 'ntjp tak jobs').store);
let published: CatalogueSnapshot | undefined;
service.onChange((snapshot) => void (published = snapshot));

const lists = new Map<number, { items: readonly unknown[]; offset: number }>();
let nextList = 1;

function hold(items: unknown[]): ListRef {
  const list = nextList++;
  if (items.length > 0) lists.set(list, { items, offset: 0 });
  return { list, length: items.length };
}

function slice(list: number): PackedSlice {
  const held = lists.get(list);
  if (!held) throw new TakError('TAK_ERR_INTERNAL', `the catalogue worker holds no list ${list}`);
  const items = held.items.slice(held.offset, held.offset + SLICE_ENTRIES) as object[];
  held.offset += items.length;
  if (held.offset >= held.items.length) lists.delete(list);
  return packSlice(items);
}

const holdSnapshot = ({ routes, permissions, hsaUnits, ...rest }: CatalogueSnapshot): SnapshotRef => ({ ...rest, routes: hold(routes), permissions: hold(permissions), hsaUnits: hold(hsaUnits) });

function takePublished(): SnapshotRef {
  const snapshot = published!;
  published = undefined;
  return holdSnapshot(snapshot);
}

const JOBS: { [J in JobRequest['job']]: (request: Extract<JobRequest, { job: J }>) => Promise<unknown> } = {
  edit: async ({ method, args }) => {
    if (!EDIT_METHODS.includes(method)) throw new TakError('TAK_ERR_INTERNAL', `the catalogue worker has no edit ${String(method)}`);
    return (service[method] as (...a: unknown[]) => Promise<unknown>).apply(service, args);
  },
  order: async ({ input, dryRun, user }) => {
    const report = await service.order(input, { dryRun, user });
    return { ...report, changes: hold(report.changes) };
  },
  orderAnswer: ({ body, dryRun, user }) => service.orderAnswer(body, { dryRun, user }),
  table: ({ kind, query }) => service.table(kind, query),
  readJson: async ({ read, args }) => {
    if (!READ_NAMES.includes(read)) throw new TakError('TAK_ERR_INTERNAL', `the catalogue worker has no read ${String(read)}`);
    return { bytes: await service.readJson(read, args) };
  },
  publish: async ({ user, comment }) => ({ info: await service.publish(user, comment), snapshot: takePublished() }),
  rollback: async ({ user }) => ({ ...(await service.rollback(user)), snapshot: takePublished() }),
  latestSnapshot: async () => {
    const snapshot = await service.latestSnapshot();
    return snapshot && holdSnapshot(snapshot);
  },
  slice: async ({ list }) => slice(list),
};

port.on('message', ({ id, request }: { id: number; request: JobRequest }) => {
  (JOBS[request.job] as (r: JobRequest) => Promise<unknown>)(request).then(
    (value) => port.postMessage({ id, value } satisfies JobReply, movable(value)),
    (e: Error) => {
      const error = e instanceof TakError ? e : new TakError('TAK_ERR_INTERNAL', e.message);
      port.postMessage({ id, error: { code: error.code, message: error.message, problems: error.problems } } satisfies JobReply);
    },
  );
});
