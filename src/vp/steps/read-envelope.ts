/**
 * Step 2, payload info (docs/vp.md, "What happens to a call"): read the request only as far as the first
 * element inside Body. Its namespace is the contract; a `LogicalAddress` (BP 2.1) or `To` (BP 2.0) element
 * anywhere in Header, matched on local name, gives the receiver (untrimmed, last one wins). The bytes read
 * so far are kept and sent first; the rest of the request streams to the producer untouched.
 */
import { StringDecoder } from 'node:string_decoder';
import { createSafeSaxParser } from '../../shared/xml/tree.js';
import { vpFault } from '../faults.js';
import type { EnvelopePrefix, HubDeps, VpExchange } from '../exchange.js';
import { ConsumerGoneError } from '../body-errors.js';
import { declaredEncoding, isUtf16Name, redeclare, redeclareBytes, singleByteCharset, utf16Source, type Decoder } from '../charset.js';
import { scanPrefix, type ScannedPrefix } from './prefix-scan.js';
import { isUtf8, prefixReader, refuseUnlessUtf8 } from './prefix-reader.js';

/** Why a declared encoding is refused for UTF-16 bytes (undefined: it is read). */
const refuseUnlessUtf16 = (name: string): string | undefined => (isUtf16Name(name) ? undefined : `encoding ${name} is declared, but the request's bytes are UTF-16`);

/**
 * The prefix declaring UTF-8; Header offsets move with the changed declaration. A converted prefix is
 * encoded anew; a UTF-8 one that was declared UTF-16 keeps its bytes after the declaration.
 */
function declareUtf8(env: EnvelopePrefix, converted: boolean): void {
  const text = redeclare(env.text, 'UTF-8');
  const shift = text.length - env.text.length;
  if (env.headerContent) env.headerContent = { start: env.headerContent.start + shift, end: env.headerContent.end + shift };
  env.text = text;
  env.bytes = converted ? Buffer.from(text, 'utf8') : redeclareBytes(env.bytes, 'UTF-8');
}

export function readEnvelope(ex: VpExchange, hub: HubDeps): Promise<void> {
  const limit = hub.config.maxBodyBytes;
  const xmlLimits = hub.config.xmlLimits;
  const declared = Number(ex.headers['content-length']);
  if (declared > limit) return Promise.reject(vpFault('VP015', `Request body of ${declared} bytes is larger than the limit of ${limit} bytes`));
  /** the encoding the request is converted from (its answer's name), if not UTF-8, and its decoder */
  let source: string | undefined;
  let sourceDecoder: Decoder | undefined;
  /** UTF-8 bytes whose declaration names UTF-16 (the real VP reads those as UTF-8 again) */
  let mislabelled = false;
  /** why a declared encoding is refused, by what the first bytes showed */
  let encodingError = (name: string): string | undefined => (name === source ? undefined : refuseUnlessUtf8(name));
  /** the saxes reader, made only when the fast scan of the first chunk does not decide (prefix-scan.ts) */
  let reader: ReturnType<typeof prefixReader> | undefined;
  let decoder: { write(chunk: Buffer): string; end(): string } = new StringDecoder('utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  const req = ex.req;
  return new Promise<void>((resolve, reject) => {
    const finish = (found: ScannedPrefix, text: string, complete: boolean): void => {
      cleanup();
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      // Fields listed, not spread: a spread of the found object costs more than the rest of this step.
      const { namespace, logicalAddress, profile, headerContent } = found;
      ex.envelope = { namespace, logicalAddress, profile, headerContent, bytes: raw, text, complete, rawLength: size, sourceEncoding: source, sourceDecoder };
      if (source || mislabelled) declareUtf8(ex.envelope, source !== undefined);
      resolve();
    };
    const fail = (e: unknown): void => {
      cleanup();
      reject(e);
    };
    const saxReader = (): ReturnType<typeof prefixReader> => prefixReader(createSafeSaxParser(xmlLimits), encodingError);
    const malformed = (e: unknown): void => fail(vpFault('VP015', (e as Error).message));
    /** The first chunk: the fast scan when it is UTF-8, else the decoder its bytes or declaration ask for. */
    const firstPiece = (chunk: Buffer): string | undefined => {
      const piece = decoder.write(chunk);
      const scanned = scanPrefix(piece, isUtf8, xmlLimits);
      if (scanned) {
        req.pause();
        finish(scanned, piece, size === declared);
        return undefined;
      }
      const utf16 = utf16Source(chunk);
      const named = utf16 ? undefined : declaredEncoding(chunk);
      if (named && isUtf16Name(named)) {
        mislabelled = true;
        encodingError = (name) => (isUtf16Name(name) ? undefined : refuseUnlessUtf8(name));
        return piece;
      }
      const charset = utf16?.decoder ?? (named ? singleByteCharset(named) : undefined);
      if (!charset) return piece;
      source = utf16?.name ?? named;
      if (utf16) encodingError = refuseUnlessUtf16;
      sourceDecoder = charset;
      decoder = { write: (c) => charset.decode(c), end: () => '' };
      return decoder.write(chunk);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) return fail(vpFault('VP015', `Request body is larger than the limit of ${limit} bytes`));
      try {
        const piece = chunks.length === 1 ? firstPiece(chunk) : decoder.write(chunk);
        if (piece === undefined) return;
        reader ??= saxReader();
        if (reader.write(piece)) {
          req.pause();
          // Every declared byte is here: the forward step can send one buffer instead of a stream.
          finish(reader.found, reader.text(), size === declared);
        }
      } catch (e) {
        malformed(e);
      }
    };
    const onEnd = (): void => {
      try {
        reader ??= saxReader();
        if (reader.write(decoder.end())) return finish(reader.found, reader.text(), true);
        reader.close();
        malformed(new Error('SOAP Body has no payload element'));
      } catch (e) {
        malformed(e);
      }
    };
    const onAborted = (): void => fail(new ConsumerGoneError());
    const onClose = (): void => {
      if (!req.complete) onAborted();
    };
    function cleanup(): void {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('close', onClose);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    req.on('close', onClose);
  });
}
