/**
 * The main thread's side of the catalogue's job worker: starts it on first use, sends jobs, and fetches the
 * lists of their results a slice at a time. A worker that fails or stops fails every job it held with
 * TAK_ERR_INTERNAL naming the cause (its transaction was rolled back by the database), and the next job starts a
 * new worker.
 */
import { Worker } from 'node:worker_threads';
import { TakError } from './errors.js';
import type { DatabaseTarget } from '../store/database-target.js';
import { movable, type JobReply, type JobRequest, type JobResults, type ListRef, type SnapshotRef } from './job-protocol.js';
import type { CatalogueSnapshot } from './snapshot.js';
import { unpackSlice } from './packed-slice.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Compiled code starts job-worker.js; from the TypeScript sources (tsx) a small entry loads tsx first. */
function startWorker(target: DatabaseTarget): Worker {
  const entry = import.meta.url.endsWith('.ts') ? './job-worker-under-tsx.mjs' : './job-worker.js';
  return new Worker(new URL(entry, import.meta.url), { workerData: { target } });
}

export class JobThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly target: DatabaseTarget) {}

  /** The running worker's thread id (undefined before the first job and after a failure). */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  private start(): Worker {
    const worker = startWorker(this.target);
    const fail = (cause: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const error = new TakError('TAK_ERR_INTERNAL', `the catalogue worker ${cause}; the job was not done`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('message', (reply: JobReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) p.reject(Object.assign(new TakError(reply.error.code, '', reply.error.problems), { message: reply.error.message }));
      else p.resolve(reply.value);
    });
    worker.on('error', (e) => fail(`failed: ${e.message}`));
    worker.on('exit', (code) => fail(`stopped (exit code ${code})`));
    worker.unref();
    return worker;
  }

  run<J extends JobRequest['job']>(request: Extract<JobRequest, { job: J }>): Promise<JobResults[J]> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, request }, movable(request));
    });
  }

  /** A list of a result, one slice per message: between slices the event loop serves other work. */
  async list<T>(ref: ListRef): Promise<T[]> {
    const out: T[] = [];
    while (out.length < ref.length) {
      const slice = unpackSlice<T>(await this.run({ job: 'slice', list: ref.list }));
      if (slice.length === 0) throw new TakError('TAK_ERR_INTERNAL', `list ${ref.list} ended after ${out.length} of ${ref.length} entries`);
      for (const item of slice) out.push(item);
    }
    return out;
  }

  async snapshot({ routes, permissions, hsaUnits, ...rest }: SnapshotRef): Promise<CatalogueSnapshot> {
    return { ...rest, routes: await this.list(routes), permissions: await this.list(permissions), hsaUnits: await this.list(hsaUnits) };
  }

  /** Stops the worker; a job still running fails as above. */
  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
