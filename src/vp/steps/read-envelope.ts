/**
 * Step 2, payload info (shared/spec/vp-and-tak.md §1.2.2): read the request only as far as the first
 * element inside Body. Its namespace is the contract; a `LogicalAddress` (BP 2.1) or `To` (BP 2.0) element
 * anywhere in Header, matched on local name, gives the receiver (untrimmed, last one wins). The bytes read
 * so far are kept and sent first; the rest of the request streams to the producer untouched.
 */
import { StringDecoder } from 'node:string_decoder';
import type { SaxesTagNS } from 'saxes';
import { createSafeSaxParser, elementFromTag, type XmlElement } from '../../shared/xml/tree.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../shared/xml/limits.js';
import { NS } from '../../shared/soap/namespaces.js';
import type { RivProfile } from '../../shared/soap/envelope.js';
import { vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';
import { ConsumerGoneError } from '../request-body.js';
import { declaredEncoding, isUtf16Name, redeclare, redeclareBytes, singleByteCharset, utf16Source, type Decoder } from '../charset.js';
import { addressProfile, scanPrefix, type ScannedPrefix } from './prefix-scan.js';

export interface EnvelopePrefix {
  namespace: string;
  logicalAddress: string | undefined;
  profile: RivProfile | undefined;
  /** the request bytes read so far (converted to UTF-8 when the request is in another encoding) */
  bytes: Buffer;
  /** how many bytes were read from the consumer */
  rawLength: number;
  /** the encoding of a request the hub converts both ways, as the answer's Content-Type names it (charset.ts) */
  sourceEncoding: string | undefined;
  /** the decoder that read the prefix of such a request, to go on with the rest */
  sourceDecoder: Decoder | undefined;
  /** `bytes` decoded (a trailing partial character excluded) */
  text: string;
  /** the request has been read to its end */
  complete: boolean;
  /** [start, end) of Header's content in `text`; undefined for `<Header/>` or no Header */
  headerContent: { start: number; end: number } | undefined;
}

/** Header's children and the namespaces in scope inside Header (for the profile conversion). */
export interface HeaderTree {
  children: XmlElement[];
  scope: Record<string, string>;
}

/** Thrown from inside the parser to stop at the first Body child. */
const FOUND = Symbol('first Body child');
const UTF8 = /^(?:utf-?8|us-ascii)$/i;
const isUtf8 = (name: string): boolean => UTF8.test(name);
/** Why a declared encoding is refused (undefined: it is read), for UTF-8 bytes and for UTF-16 ones. */
const refuseUnlessUtf8 = (name: string): string | undefined =>
  isUtf8(name) ? undefined : `encoding ${name} is not supported; send UTF-8 or a single-byte encoding such as ISO-8859-1`;
const refuseUnlessUtf16 = (name: string): string | undefined => (isUtf16Name(name) ? undefined : `encoding ${name} is declared, but the request's bytes are UTF-16`);

/**
 * Saxes event handling for the prefix: a small state machine over depth; the Header tree only on request.
 * `encodingError` words why a declared encoding is refused, or answers undefined for one that is read.
 */
function prefixReader(parse: ReturnType<typeof createSafeSaxParser>, encodingError: (name: string) => string | undefined, tree?: HeaderTree) {
  const found: ScannedPrefix = { namespace: '', logicalAddress: undefined, profile: undefined, headerContent: undefined };
  let depth = 0;
  let section: 'Header' | 'Body' | undefined;
  const headerStack: XmlElement[] = [];
  let addressText: string | undefined;
  let text = '';
  parse.on('xmldecl', (d) => {
    const refused = d.encoding ? encodingError(d.encoding) : undefined;
    if (refused) throw new Error(refused);
  });
  parse.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth === 1) {
      if (tag.local !== 'Envelope' || tag.uri !== NS.soap11) throw new Error(`not a SOAP 1.1 envelope: {${tag.uri}}${tag.local}`);
      if (tree) tree.scope = { ...elementFromTag(tag).nsDecls };
    } else if (depth === 2 && tag.uri === NS.soap11 && (tag.local === 'Header' || tag.local === 'Body')) {
      section = tag.local;
      if (section === 'Header') {
        if (tree) Object.assign(tree.scope, elementFromTag(tag).nsDecls);
        if (!tag.isSelfClosing) found.headerContent = { start: parse.position, end: parse.position };
      }
    } else if (section === 'Body' && depth === 3) {
      found.namespace = tag.uri;
      throw FOUND;
    } else if (section === 'Header') {
      if (tree) {
        const el = elementFromTag(tag);
        (headerStack[headerStack.length - 1]?.children ?? tree.children).push(el);
        headerStack.push(el);
      }
      if (addressProfile(tag.local)) addressText = '';
    }
  });
  const onText = (t: string): void => {
    const el = headerStack[headerStack.length - 1];
    if (el) el.text += t;
    if (addressText !== undefined) addressText += t;
  };
  parse.on('text', onText);
  parse.on('cdata', onText);
  parse.on('closetag', (tag) => {
    if (section === 'Header' && depth >= 3) {
      headerStack.pop();
      const profile = addressProfile(tag.local);
      if (profile && addressText !== undefined) {
        found.logicalAddress = addressText;
        found.profile = profile;
        addressText = undefined;
      }
    } else if (depth === 2) {
      if (section === 'Header' && found.headerContent) found.headerContent.end = text.lastIndexOf('<', parse.position - 1);
      section = undefined;
    }
    depth--;
  });
  return {
    found,
    write(chunk: string): boolean {
      text += chunk;
      try {
        parse.write(chunk);
      } catch (e) {
        if (e === FOUND) return true;
        throw e;
      }
      return false;
    },
    close(): void {
      parse.close();
    },
    text: () => text,
  };
}

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

/**
 * The saxes reading of a whole prefix text (the slow path, in one piece); with `tree`, Header's children
 * and scope are collected into it. Throws on malformed XML, beyond a limit and on a text without a Body
 * payload element.
 */
export function readPrefixText(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS, tree?: HeaderTree): ScannedPrefix {
  const reader = prefixReader(createSafeSaxParser(limits), refuseUnlessUtf8, tree);
  if (!reader.write(text)) throw new Error('the prefix has no Body payload element');
  return reader.found;
}

/** Header's children and scope, read again from a prefix's text (only the profile conversion needs them). */
export function readHeaderTree(text: string, limits: XmlLimits): HeaderTree {
  const tree: HeaderTree = { children: [], scope: {} };
  readPrefixText(text, limits, tree);
  return tree;
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
