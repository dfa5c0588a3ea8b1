/**
 * Requests whose XML declaration names ISO-8859-1 (shared/spec/vp-and-tak.md §1.2.2, "a non-UTF-8 prolog"):
 * the hub sends them to the producer as UTF-8 and converts the answer back, with
 * `text/xml; charset=<declared name>`. Latin-1 has one byte per character, so both directions convert
 * chunk by chunk while streaming. Other encodings are refused (VP015; docs/vp.md).
 */
import { StringDecoder } from 'node:string_decoder';

const LATIN1_NAMES = /^(?:iso[-_ ]?8859-1|latin-?1|l1)$/i;
const DECLARATION = /^(\uFEFF?<\?xml\b[^>]*?\bencoding\s*=\s*["'])([^"']*)(["'])/;
/** The declaration is at the very start; this many bytes always hold it. */
const DECLARATION_MAX_BYTES = 256;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/gu;

/** The encoding named by the XML declaration at the start of a request, if any. */
export function declaredEncoding(first: Buffer): string | undefined {
  return DECLARATION.exec(first.subarray(0, DECLARATION_MAX_BYTES).toString('latin1'))?.[2];
}

export const isLatin1 = (name: string): boolean => LATIN1_NAMES.test(name);

/** The document with its declaration naming `encoding` (unchanged when it has no declaration). */
export function redeclare(xml: string, encoding: string): string {
  return xml.replace(DECLARATION, `$1${encoding}$3`);
}

export const latin1ToUtf8 = (chunk: Buffer): Buffer => Buffer.from(chunk.toString('latin1'), 'utf8');

/**
 * Converts a UTF-8 answer to Latin-1 as it streams, its declaration included. A character Latin-1 lacks
 * becomes a character reference (right in text and attribute values, where such characters occur).
 */
export function utf8ToLatin1(encoding: string): (chunk: Buffer) => Buffer {
  const decoder = new StringDecoder('utf8');
  let first = true;
  return (chunk) => {
    let text = decoder.write(chunk);
    if (first) {
      text = redeclare(text, encoding);
      first = false;
    }
    return Buffer.from(text.replace(BEYOND_LATIN1, (c) => `&#${c.codePointAt(0)};`), 'latin1');
  };
}
