/**
 * The request as sent to the producer: the prefix the envelope reader consumed, then the rest of the
 * consumer's request, counted against the body limit while it streams (never buffered to be measured).
 * Each attempt gets a fresh Readable that takes nothing from the consumer until the producer connection
 * reads it, so a connection error before that can be retried (docs/vp.md, "What happens to a call");
 * once bytes have gone, it can not.
 */
import { Readable } from 'node:stream';
import { toUtf8, type Decoder } from './charset.js';
import { BodyTooLargeError, ConsumerGoneError } from './body-errors.js';
import type { ConsumerRequest } from './consumer.js';

export interface RequestBodyParts {
  /** the bytes to send first (what the envelope reader consumed, or the whole request) */
  prefix: Buffer;
  /** `prefix` is the whole request: nothing more is read from the consumer */
  complete: boolean;
  /** bytes already read from the consumer, counted against the limit */
  readBytes: number;
  limitBytes: number;
  /** sees each chunk as it is sent (traffic capture) */
  tap?: (chunk: Buffer) => void;
  /** applied to each chunk after the prefix (the conversion to UTF-8); the limit counts raw bytes */
  convert?: (chunk: Buffer) => Buffer;
}

export class RequestBody {
  private taken = false;
  private size: number;
  private readonly prefix: Buffer;
  private readonly complete: boolean;
  private readonly limitBytes: number;
  private readonly tap?: (chunk: Buffer) => void;
  private readonly convert?: (chunk: Buffer) => Buffer;
  /** why the body failed, when it did (the producer call then fails with an undici error around it) */
  failure: Error | undefined;

  constructor(
    private readonly req: ConsumerRequest,
    parts: RequestBodyParts,
  ) {
    ({ prefix: this.prefix, complete: this.complete, limitBytes: this.limitBytes, tap: this.tap, convert: this.convert } = parts);
    this.size = parts.readBytes;
  }

  /** The whole request when it was read completely with the envelope prefix (the usual small call). */
  whole(): Buffer | undefined {
    if (!this.complete) return undefined;
    if (!this.taken) this.tap?.(this.prefix);
    this.taken = true;
    return this.prefix;
  }

  attempt(): Readable {
    let detach = (): void => undefined;
    const out: Readable = new Readable({
      read: () => {
        if (this.taken) this.req.resume();
        else {
          this.taken = true;
          detach = this.attach(out);
        }
      },
      destroy: (err, cb) => {
        detach();
        cb(err);
      },
    });
    return out;
  }

  private attach(out: Readable): () => void {
    this.tap?.(this.prefix);
    out.push(this.prefix);
    if (this.complete) {
      out.push(null);
      return () => undefined;
    }
    const req = this.req;
    const fail = (e: Error): void => {
      this.failure ??= e;
      out.destroy(e);
    };
    const onData = (chunk: Buffer): void => {
      this.size += chunk.length;
      if (this.size > this.limitBytes) return fail(new BodyTooLargeError(this.limitBytes));
      const sent = this.convert ? this.convert(chunk) : chunk;
      this.tap?.(sent);
      if (!out.push(sent)) req.pause();
    };
    const onEnd = (): void => void out.push(null);
    const onGone = (): void => {
      if (!req.complete) fail(new ConsumerGoneError());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
    req.resume();
    return () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
  }
}

/** How the rest of a request read with `decoder` is converted on its way to the producer, if at all. */
export const restConversion = (decoder: Decoder | undefined): ((chunk: Buffer) => Buffer) | undefined => (decoder ? toUtf8(decoder) : undefined);
