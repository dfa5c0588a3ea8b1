/**
 * Requests whose XML declaration names a non-UTF-8 encoding, or whose bytes are UTF-16 (docs/vp.md,
 * "Differences from the real VP"): the hub sends them to the producer as UTF-8 and converts the answer back,
 * with `text/xml; charset=<name>`. Single-byte encodings (ISO-8859-1 and every single-byte encoding of
 * the WHATWG Encoding Standard: windows-1250…1258, ISO-8859-2…16, KOI8, …) are one byte per character;
 * UTF-16 is told by its first bytes and keeps a character a chunk boundary cuts for the next chunk. Both
 * directions convert chunk by chunk while streaming. Other multi-byte encodings (Shift_JIS, …) are refused
 * (VP015; docs/vp.md).
 */
import { StringDecoder } from 'node:string_decoder';

/** Turns a request's bytes into text, chunk by chunk (a UTF-16 one keeps a cut character for the next). */
export interface Decoder {
  decode(chunk: Buffer): string;
}

/** A single-byte encoding the hub converts from and to. */
export interface SingleByteCharset extends Decoder {
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

/** The names of UTF-16 (also the ones the hub answers in; other aliases are refused like unknown names). */
const UTF16_NAME = /^utf-16(?:le|be)?$/i;
export const isUtf16Name = (name: string): boolean => UTF16_NAME.test(name);

/**
 * How a UTF-16 request starts (XML 1.0 Appendix F): a byte order mark, or `<?` in two-byte form. The name is
 * the one the answer goes back in: with a mark, `UTF-16`; without one, the byte order's own name.
 */
const UTF16_SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; name: string; order: 'utf-16be' | 'utf-16le' }> = [
  { bytes: [0xfe, 0xff], name: 'UTF-16', order: 'utf-16be' },
  { bytes: [0xff, 0xfe], name: 'UTF-16', order: 'utf-16le' },
  { bytes: [0x00, 0x3c, 0x00, 0x3f], name: 'UTF-16BE', order: 'utf-16be' },
  { bytes: [0x3c, 0x00, 0x3f, 0x00], name: 'UTF-16LE', order: 'utf-16le' },
];

/** A request that its first bytes show to be UTF-16: the name its answer goes back in and a decoder for it. */
export function utf16Source(first: Buffer): { name: string; decoder: Decoder } | undefined {
  const sig = UTF16_SIGNATURES.find((s) => s.bytes.every((b, i) => first[i] === b));
  if (!sig) return undefined;
  // TextDecoder drops the byte order mark and holds a cut character until the next chunk.
  const text = new TextDecoder(sig.order);
  return { name: sig.name, decoder: { decode: (chunk) => text.decode(chunk, { stream: true }) } };
}

/**
 * UTF-16 as the answer is written for each name, as Java's encoders write it: plain `UTF-16` big-endian
 * after a byte order mark, the others in their order without one.
 */
const littleEndian = (text: string): Buffer => Buffer.from(text, 'utf16le');
const bigEndian = (text: string): Buffer => littleEndian(text).swap16();
const NO_MARK = Buffer.alloc(0);
const UTF16_WRITERS: Readonly<Record<string, { encode(text: string): Buffer; start: Buffer }>> = {
  'utf-16': { encode: bigEndian, start: Buffer.from([0xfe, 0xff]) },
  'utf-16be': { encode: bigEndian, start: NO_MARK },
  'utf-16le': { encode: littleEndian, start: NO_MARK },
};

/** The encoding named by the XML declaration at the start of a request, if any. */
export function declaredEncoding(first: Buffer): string | undefined {
  return DECLARATION.exec(first.subarray(0, DECLARATION_MAX_BYTES).toString('latin1'))?.[2];
}

/** The document with its declaration naming `encoding` (unchanged when it has no declaration). */
export function redeclare(xml: string, encoding: string): string {
  return xml.replace(DECLARATION, `$1${encoding}$3`);
}

/** UTF-8 bytes with their declaration naming `encoding` (the declaration is ASCII: the rest stays as it is). */
export function redeclareBytes(utf8: Buffer, encoding: string): Buffer {
  const declaration = DECLARATION.exec(utf8.subarray(0, DECLARATION_MAX_BYTES).toString('latin1'));
  if (!declaration) return utf8;
  return Buffer.concat([Buffer.from(`${declaration[1]}${encoding}${declaration[3]}`, 'latin1'), utf8.subarray(declaration[0].length)]);
}

/** Converts request chunks in the request's encoding to UTF-8 as they stream. */
export const toUtf8 = (charset: Decoder) => (chunk: Buffer): Buffer => Buffer.from(charset.decode(chunk), 'utf8');

/** Converts a UTF-8 answer to the consumer's encoding as it streams, its declaration included. */
export function fromUtf8(encoding: string): (chunk: Buffer) => Buffer {
  const { encode, start } = UTF16_WRITERS[encoding.toLowerCase()] ?? { encode: singleByteCharset(encoding)!.encode, start: NO_MARK };
  const decoder = new StringDecoder('utf8');
  let first = true;
  return (chunk) => {
    let text = decoder.write(chunk);
    if (!first) return encode(text);
    first = false;
    // A producer's UTF-8 byte order mark would stand before the new one (or become a reference).
    text = redeclare(text.replace(/^\uFEFF/, ''), encoding);
    return Buffer.concat([start, encode(text)]);
  };
}
