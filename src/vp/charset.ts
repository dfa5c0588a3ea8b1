/**
 * Requests whose XML declaration names a non-UTF-8 encoding (shared/spec/vp-and-tak.md §1.2.2, "a non-UTF-8
 * prolog"): the hub sends them to the producer as UTF-8 and converts the answer back, with
 * `text/xml; charset=<declared name>`. Single-byte encodings are supported (ISO-8859-1 and every single-byte
 * encoding of the WHATWG Encoding Standard: windows-1250…1258, ISO-8859-2…16, KOI8, …): one byte per
 * character, so both directions convert chunk by chunk while streaming. Multi-byte ones (UTF-16, Shift_JIS,
 * …) are refused (VP015; docs/vp.md).
 */
import { StringDecoder } from 'node:string_decoder';

/** A single-byte encoding the hub converts from and to. */
export interface SingleByteCharset {
  decode(chunk: Buffer): string;
  /** characters the encoding lacks become character references (right in text and attribute values) */
  encode(text: string): Buffer;
}

const LATIN1_NAMES = /^(?:iso[-_ ]?8859-1|latin-?1|l1)$/i;
/** The WHATWG single-byte encodings (canonical names as TextDecoder reports them). */
const WHATWG_SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i',
  'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874',
  'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257',
  'windows-1258', 'x-mac-cyrillic',
]);
const DECLARATION = /^(\uFEFF?<\?xml\b[^>]*?\bencoding\s*=\s*["'])([^"']*)(["'])/;
/** The declaration is at the very start; this many bytes always hold it. */
const DECLARATION_MAX_BYTES = 256;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/gu;
const NON_ASCII = /[^\u0000-\u007f]/u;

/** True ISO-8859-1 (WHATWG's `iso-8859-1` label means windows-1252; Node's latin1 is the real one). */
const LATIN1: SingleByteCharset = {
  decode: (chunk) => chunk.toString('latin1'),
  encode: (text) => Buffer.from(text.replace(BEYOND_LATIN1, (c) => `&#${c.codePointAt(0)};`), 'latin1'),
};

/**
 * Bytes 0x80–0x9F of windows-1252. Node 20's TextDecoder decodes windows-1252 as Latin-1 (those bytes become
 * C1 controls), so the table is given here rather than read from it.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Each byte's UTF-16 code unit (every WHATWG single-byte encoding maps a byte into the BMP). */
function byteTable(canonical: string): Uint16Array {
  const decoder = new TextDecoder(canonical);
  const table = new Uint16Array(256);
  for (let b = 0; b < 256; b++) table[b] = decoder.decode(Uint8Array.of(b)).charCodeAt(0);
  if (canonical === 'windows-1252') table.set(WINDOWS_1252_HIGH, 0x80);
  return table;
}

function tableCharset(canonical: string): SingleByteCharset {
  const table = byteTable(canonical);
  const byChar = new Map<number, number>();
  for (let b = 255; b >= 0; b--) byChar.set(table[b]!, b);
  return {
    decode(chunk) {
      const units = new Uint16Array(chunk.length);
      for (let i = 0; i < chunk.length; i++) units[i] = table[chunk[i]!]!;
      return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
    },
    encode(text) {
      if (!NON_ASCII.test(text)) return Buffer.from(text, 'latin1');
      const out: number[] = [];
      for (const c of text) {
        const b = c.length === 1 ? byChar.get(c.charCodeAt(0)) : undefined;
        if (b !== undefined) out.push(b);
        else for (const r of `&#${c.codePointAt(0)};`) out.push(r.charCodeAt(0));
      }
      return Buffer.from(out);
    },
  };
}

const known = new Map<string, SingleByteCharset | undefined>();

/** The single-byte encoding a declaration names, or undefined (UTF-8, a multi-byte or an unknown encoding). */
export function singleByteCharset(name: string): SingleByteCharset | undefined {
  const key = name.toLowerCase();
  if (!known.has(key)) {
    let canonical: string | undefined;
    try {
      canonical = new TextDecoder(key).encoding;
    } catch {
      canonical = undefined;
    }
    known.set(key, LATIN1_NAMES.test(key) ? LATIN1 : canonical && WHATWG_SINGLE_BYTE.has(canonical) ? tableCharset(canonical) : undefined);
  }
  return known.get(key);
}

/** The encoding named by the XML declaration at the start of a request, if any. */
export function declaredEncoding(first: Buffer): string | undefined {
  return DECLARATION.exec(first.subarray(0, DECLARATION_MAX_BYTES).toString('latin1'))?.[2];
}

/** The document with its declaration naming `encoding` (unchanged when it has no declaration). */
export function redeclare(xml: string, encoding: string): string {
  return xml.replace(DECLARATION, `$1${encoding}$3`);
}

/** Converts request chunks in the declared encoding to UTF-8 as they stream. */
export const toUtf8 = (charset: SingleByteCharset) => (chunk: Buffer): Buffer => Buffer.from(charset.decode(chunk), 'utf8');

/** Converts a UTF-8 answer to the consumer's declared encoding as it streams, its declaration included. */
export function fromUtf8(encoding: string): (chunk: Buffer) => Buffer {
  const charset = singleByteCharset(encoding)!;
  const decoder = new StringDecoder('utf8');
  let first = true;
  return (chunk) => {
    let text = decoder.write(chunk);
    if (first) {
      text = redeclare(text, encoding);
      first = false;
    }
    return charset.encode(text);
  };
}
