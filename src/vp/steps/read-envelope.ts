/**
 * Step 2, payload info (shared/spec/vp-and-tak.md §1.2.2): read the request only as far as the first
 * element inside Body. Its namespace is the contract; a `LogicalAddress` (BP 2.1) or `To` (BP 2.0) element
 * anywhere in Header, matched on local name, gives the receiver (untrimmed, last one wins). The bytes read
 * so far are kept and sent first; the rest of the request streams to the producer untouched.
 */
import { StringDecoder } from 'node:string_decoder';
import type { SaxesTagNS } from 'saxes';
import { createSafeSaxParser, elementFromTag, type XmlElement } from '../../shared/xml/tree.js';
import { NS } from '../../shared/soap/namespaces.js';
import type { RivProfile } from '../../shared/soap/envelope.js';
import { vpFault } from '../faults.js';
import type { HubDeps, VpExchange } from '../exchange.js';
import { ConsumerGoneError } from '../request-body.js';
import { declaredEncoding, isLatin1, redeclare } from '../charset.js';

export interface EnvelopePrefix {
  namespace: string;
  logicalAddress: string | undefined;
  profile: RivProfile | undefined;
  /** the request bytes read so far (converted to UTF-8 when the request is Latin-1) */
  bytes: Buffer;
  /** how many bytes were read from the consumer */
  rawLength: number;
  /** the declared encoding of a Latin-1 request, which the hub converts both ways (charset.ts) */
  sourceEncoding: string | undefined;
  /** `bytes` decoded (a trailing partial character excluded) */
  text: string;
  /** the request has been read to its end */
  complete: boolean;
  /** [start, end) of Header's content in `text`; undefined for `<Header/>` or no Header */
  headerContent: { start: number; end: number } | undefined;
  /** Header's children as read, and the namespaces in scope inside Header (for the profile conversion) */
  headerChildren: XmlElement[];
  headerScope: Record<string, string>;
}

/** Thrown from inside the parser to stop at the first Body child. */
const FOUND = Symbol('first Body child');
const ADDRESS_PROFILE: Record<string, RivProfile> = { To: 'RIVTABP20', LogicalAddress: 'RIVTABP21' };
const UTF8 = /^(?:utf-?8|us-ascii)$/i;

/** Saxes event handling for the prefix: a small state machine over depth. */
function prefixReader(parse: ReturnType<typeof createSafeSaxParser>, encodingOk: (name: string) => boolean) {
  const found: Omit<EnvelopePrefix, 'bytes' | 'text' | 'complete' | 'rawLength' | 'sourceEncoding'> = {
    namespace: '',
    logicalAddress: undefined,
    profile: undefined,
    headerContent: undefined,
    headerChildren: [],
    headerScope: {},
  };
  let depth = 0;
  let section: 'Header' | 'Body' | undefined;
  const headerStack: XmlElement[] = [];
  let addressText: string | undefined;
  let text = '';
  parse.on('xmldecl', (d) => {
    if (d.encoding && !encodingOk(d.encoding)) throw new Error(`encoding ${d.encoding} is not supported; send UTF-8 or ISO-8859-1`);
  });
  parse.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth === 1) {
      if (tag.local !== 'Envelope' || tag.uri !== NS.soap11) throw new Error(`not a SOAP 1.1 envelope: {${tag.uri}}${tag.local}`);
      found.headerScope = { ...elementFromTag(tag).nsDecls };
    } else if (depth === 2 && tag.uri === NS.soap11 && (tag.local === 'Header' || tag.local === 'Body')) {
      section = tag.local;
      if (section === 'Header') {
        Object.assign(found.headerScope, elementFromTag(tag).nsDecls);
        if (!tag.isSelfClosing) found.headerContent = { start: parse.position, end: parse.position };
      }
    } else if (section === 'Body' && depth === 3) {
      found.namespace = tag.uri;
      throw FOUND;
    } else if (section === 'Header') {
      const el = elementFromTag(tag);
      (headerStack[headerStack.length - 1]?.children ?? found.headerChildren).push(el);
      headerStack.push(el);
      if (ADDRESS_PROFILE[tag.local]) addressText = '';
    }
  });
  const onText = (t: string): void => {
    const el = headerStack[headerStack.length - 1];
    if (!el) return;
    el.text += t;
    if (addressText !== undefined) addressText += t;
  };
  parse.on('text', onText);
  parse.on('cdata', onText);
  parse.on('closetag', (tag) => {
    if (section === 'Header' && depth >= 3) {
      headerStack.pop();
      const profile = ADDRESS_PROFILE[tag.local];
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

/** A Latin-1 prefix as UTF-8, declaring UTF-8; Header offsets move with the shorter declaration. */
function toUtf8(env: EnvelopePrefix): void {
  const text = redeclare(env.text, 'UTF-8');
  const shift = text.length - env.text.length;
  if (env.headerContent) env.headerContent = { start: env.headerContent.start + shift, end: env.headerContent.end + shift };
  env.text = text;
  env.bytes = Buffer.from(text, 'utf8');
}

export function readEnvelope(ex: VpExchange, hub: HubDeps): Promise<void> {
  const limit = hub.config.maxBodyBytes;
  const declared = Number(ex.headers['content-length']);
  if (declared > limit) return Promise.reject(vpFault('VP015', `Request body of ${declared} bytes is larger than the limit of ${limit} bytes`));
  let latin1: string | undefined;
  const reader = prefixReader(createSafeSaxParser(), (name) => UTF8.test(name) || name === latin1);
  let decoder = new StringDecoder('utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  const req = ex.req;
  return new Promise<void>((resolve, reject) => {
    const finish = (complete: boolean): void => {
      cleanup();
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      ex.envelope = { ...reader.found, bytes: raw, text: reader.text(), complete, rawLength: size, sourceEncoding: latin1 };
      if (latin1) toUtf8(ex.envelope);
      resolve();
    };
    const fail = (e: unknown): void => {
      cleanup();
      reject(e);
    };
    const malformed = (e: unknown): void => fail(vpFault('VP015', (e as Error).message));
    const onData = (chunk: Buffer): void => {
      if (chunks.length === 0) {
        const named = declaredEncoding(chunk);
        if (named && isLatin1(named)) {
          latin1 = named;
          decoder = new StringDecoder('latin1');
        }
      }
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) return fail(vpFault('VP015', `Request body is larger than the limit of ${limit} bytes`));
      try {
        if (reader.write(decoder.write(chunk))) {
          req.pause();
          // Every declared byte is here: the forward step can send one buffer instead of a stream.
          finish(size === declared);
        }
      } catch (e) {
        malformed(e);
      }
    };
    const onEnd = (): void => {
      try {
        if (reader.write(decoder.end())) return finish(true);
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
