import { createReadStream } from 'node:fs';
import type { Transform } from 'node:stream';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { constants, createInflateRaw } from 'node:zlib';
import { Unzip, type AsyncFlateStreamHandler, type FlateError, type UnzipDecoder, type UnzipDecoderConstructor, type UnzipFile } from 'fflate';
import { ContractImportError } from './import-error.js';
import { RATIO_GRACE_BYTES, refusalText, type ImportLimits } from './import-limits.js';

const READ_CHUNK_BYTES = 64 * 1024;
/**
 * Archive bytes handed on at a time. The next slice waits until these are inflated and written, so whatever
 * the archive holds, at most about 4 MiB of output (deflate expands at most about 1032:1) is in flight, and
 * the entries found in one slice are few enough to be set up without holding up the event loop.
 */
const SLICE_BYTES = 4 * 1024;
const EMPTY = new Uint8Array(0);

/** Work a deflate entry has handed to zlib: each write, and the entry's end. */
interface InflateWork {
  writes: Array<Promise<void>>;
  ends: Array<Promise<void>>;
  running: Set<{ destroy(): void }>;
}

/**
 * fflate finds the entries; their deflate data is inflated by node:zlib on libuv's thread pool, so the event
 * loop only counts 16 KiB output chunks and queues their writes, and the hub keeps routing during an import.
 */
function zlibInflate(work: InflateWork): UnzipDecoderConstructor {
  return class ZlibInflate implements UnzipDecoder {
    static readonly compression = 8;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private readonly stream: Transform;

    /** `originalSize` (from the entry's header, untrusted) only sizes zlib's output buffer: small files are many. */
    constructor(_name: string, _size?: number, originalSize?: number) {
      const chunkSize = Math.min(constants.Z_DEFAULT_CHUNK, Math.max(constants.Z_MIN_CHUNK, originalSize ?? constants.Z_DEFAULT_CHUNK));
      const stream = (this.stream = createInflateRaw({ chunkSize }));
      work.running.add(stream);
      stream.on('data', (data: Uint8Array<ArrayBuffer>) => this.ondata(null, data, false));
      stream.on('end', () => this.ondata(null, EMPTY, true));
      stream.on('error', (e) => this.ondata(e as unknown as FlateError, EMPTY, true));
      work.ends.push(
        new Promise((resolve) =>
          stream.once('close', () => {
            work.running.delete(stream);
            resolve();
          }),
        ),
      );
    }

    push(chunk: Uint8Array, final: boolean): void {
      // The callback comes once zlib has consumed the chunk (with an error, ignored here, if the stream was destroyed).
      work.writes.push(new Promise((resolve) => this.stream.write(chunk, () => resolve())));
      if (final) this.stream.end();
    }
  };
}

/** One zip being unpacked: counts entries, archive bytes read and bytes expanded, and stops at the first limit. */
class BoundedUnzip {
  private entries = 0;
  private readBytes = 0;
  private expandedBytes = 0;
  private failure: ContractImportError | undefined;
  /** file system work, one step after the other; after a refusal the steps left do nothing */
  private fileSteps: Promise<void> = Promise.resolve();
  private readonly openFiles = new Set<FileHandle>();
  private readonly work: InflateWork = { writes: [], ends: [], running: new Set() };
  private readonly unzip = new Unzip((file) => this.onEntry(file));

  constructor(
    private readonly zipFile: string,
    private readonly outDir: string,
    private readonly limits: ImportLimits,
  ) {
    this.unzip.register(zlibInflate(this.work));
  }

  /** Hands on the next archive bytes and waits until they are inflated and written; throws the refusal once there is one. */
  async push(slice: Uint8Array, final = false): Promise<void> {
    this.readBytes += slice.length;
    try {
      this.unzip.push(slice, final);
    } catch (e) {
      this.fail(e);
    }
    do {
      await Promise.all(this.work.writes.splice(0));
      await this.fileSteps;
    } while (!this.failure && this.work.writes.length > 0);
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    await this.push(EMPTY, true);
    await Promise.all(this.work.ends);
    await this.fileSteps;
    if (this.failure) throw this.failure;
    if (this.entries === 0) throw new ContractImportError(`${this.zipFile} is not a readable zip: no entries found`);
  }

  /** Stops zlib and closes every file; resolves once nothing more can be written. */
  async close(): Promise<void> {
    for (const stream of this.work.running) stream.destroy();
    await Promise.all(this.work.ends);
    await this.fileSteps;
    await Promise.all([...this.openFiles].map((f) => f.close()));
    this.openFiles.clear();
  }

  private onEntry(file: UnzipFile): void {
    if (this.failure) return;
    if (++this.entries > this.limits.maxEntries) return this.refuse('maxEntries');
    const target = normalize(join(this.outDir, file.name));
    if (!target.startsWith(this.outDir + sep)) return this.fail(new ContractImportError(`zip entry ${file.name} points outside the release`));
    const isFolder = file.name.endsWith('/');
    let handle: FileHandle | undefined;
    // A folder entry's bytes (there should be none) are counted like any others, and dropped.
    file.ondata = (err, data, final) => {
      if (this.failure) return;
      if (err) return this.fail(err);
      this.expandedBytes += data.length;
      if (this.expandedBytes > this.limits.maxExpandedBytes) return this.refuse('maxExpandedBytes');
      if (this.expandedBytes > RATIO_GRACE_BYTES && this.expandedBytes > this.limits.maxRatio * this.readBytes) return this.refuse('maxRatio');
      if (isFolder) return final ? this.step(async () => void (await mkdir(target, { recursive: true }))) : undefined;
      if (!handle) {
        this.step(async () => {
          await mkdir(dirname(target), { recursive: true });
          handle = await open(target, 'w');
          this.openFiles.add(handle);
        });
      }
      if (data.length > 0) this.step(async () => void (await handle!.write(data)));
      if (final) {
        this.step(async () => {
          this.openFiles.delete(handle!);
          await handle!.close();
        });
      }
    };
    file.start();
  }

  private step(work: () => Promise<void>): void {
    this.fileSteps = this.fileSteps.then(() => (this.failure ? undefined : work())).catch((e: unknown) => this.fail(e));
  }

  private refuse(limit: keyof ImportLimits): void {
    this.fail(new ContractImportError(refusalText(this.zipFile, limit, this.limits)));
  }

  private fail(e: unknown): void {
    this.failure ??= e instanceof ContractImportError ? e : new ContractImportError(`${this.zipFile} is not a readable zip: ${(e as Error).message}`);
    for (const stream of this.work.running) stream.destroy();
  }
}

/**
 * Unpacks `zipFile` into the existing folder `outDir` as a stream, within `limits`, refusing entries that would
 * land outside it (zip slip). On a refusal the caller removes `outDir`: nothing writes to it any more by then.
 */
export async function extractZip(zipFile: string, outDir: string, limits: ImportLimits): Promise<void> {
  const zip = new BoundedUnzip(zipFile, outDir, limits);
  try {
    for await (const chunk of createReadStream(zipFile, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; at += SLICE_BYTES) await zip.push(chunk.subarray(at, at + SLICE_BYTES));
    }
    await zip.finish();
  } finally {
    await zip.close();
  }
}
