/** Reading a producer's answer: its first chunk, the whole of a bounded one, or the rest streamed on. */
import type { ConsumerAnswer } from '../consumer.js';
import type { Readable } from 'node:stream';
import { errorCode, tooLargeInfo } from './producer-faults.js';

/** Resolves with the first chunk, or null when the body ends empty. */
export function firstChunk(body: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      body.off('data', onData).off('end', onEnd).off('error', reject);
    };
    const onData = (c: Buffer): void => {
      body.pause();
      done();
      resolve(c);
    };
    const onEnd = (): void => {
      done();
      resolve(null);
    };
    body.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** The whole body when it fits in `limit` bytes, else undefined (the rest is discarded). */
export async function readAtMost(body: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    size += (c as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Streams the rest of the producer's answer, cutting the consumer off if it grows past the limit. */
export function streamRest(body: Readable, res: ConsumerAnswer, sentBytes: number, limit: number, encode: (c: Buffer) => Buffer, cut: (reason: string) => void, tap?: (c: Buffer) => void): void {
  // A short answer may have ended while the first chunk was being looked at.
  if (body.readableEnded) {
    res.end();
    return;
  }
  let size = sentBytes;
  // Destroying the body makes it emit an abort error: no news when the hub did it.
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    body.destroy();
  };
  body.on('data', (c: Buffer) => {
    size += c.length;
    // Headers are gone already: a too-large chunked answer can only be cut (docs/vp.md).
    if (size > limit) {
      cut(tooLargeInfo(limit));
      stop();
      res.destroy();
      return;
    }
    tap?.(c);
    if (!res.write(encode(c))) {
      body.pause();
      res.once('drain', () => body.resume());
    }
  });
  body.once('end', () => res.end());
  body.once('error', (e: unknown) => {
    if (!stopped) cut(`${errorCode(e)}: ${(e as Error).message}`);
    res.destroy();
  });
  res.once('close', () => {
    if (!res.writableFinished) stop();
  });
  body.resume();
}
