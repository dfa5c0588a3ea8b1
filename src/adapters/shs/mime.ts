/**
 * SHS messages as MIME `multipart/mixed`: the label first, then the data parts, each with
 * `Content-Disposition: attachment; filename=…` (docs/adapters.md). Hand-built with a random boundary;
 * data parts go base64 (as the real bridge sends them), the label as 8-bit UTF-8 text.
 */
import { randomUUID } from 'node:crypto';

export interface MimePart {
  contentType: string;
  /** sent base64 when set (data parts), else as text */
  filename?: string;
  content: Buffer;
}

export interface MimeDocument {
  /** the HTTP Content-Type, with the boundary */
  contentType: string;
  body: Buffer;
}

const CRLF = '\r\n';
const BASE64_LINE = 76;

function base64Lines(b: Buffer): string {
  const text = b.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += BASE64_LINE) lines.push(text.slice(i, i + BASE64_LINE));
  return lines.join(CRLF);
}

export function buildMultipart(parts: MimePart[], boundary = `----=_shs_${randomUUID()}`): MimeDocument {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const headers = [`Content-Type: ${p.contentType}`];
    if (p.filename === undefined) headers.push('Content-Transfer-Encoding: 8bit');
    else headers.push('Content-Transfer-Encoding: base64', `Content-Disposition: attachment; filename=${p.filename}`);
    chunks.push(Buffer.from(`--${boundary}${CRLF}${headers.join(CRLF)}${CRLF}${CRLF}`));
    chunks.push(p.filename === undefined ? p.content : Buffer.from(base64Lines(p.content)));
    chunks.push(Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return { contentType: `multipart/mixed; boundary="${boundary}"`, body: Buffer.concat(chunks) };
}

/** The same document as `message/rfc822` (what a delivery service hands out): MIME headers, then the parts. */
export function asRfc822(doc: MimeDocument): Buffer {
  return Buffer.concat([Buffer.from(`MIME-Version: 1.0${CRLF}Content-Type: ${doc.contentType}${CRLF}${CRLF}`), doc.body]);
}

export class MimeError extends Error {}

function headerBlock(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.replace(/\r\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function splitHead(text: string): [head: string, body: string] {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) throw new MimeError('a MIME part has no blank line after its headers');
  return [text.slice(0, m.index), text.slice(m.index + m[0].length)];
}

function boundaryOf(contentType: string): string {
  if (!/^multipart\/mixed\b/i.test(contentType)) throw new MimeError(`expected multipart/mixed, got '${contentType}'`);
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!m) throw new MimeError('multipart/mixed without a boundary');
  return m[1]!;
}

/** Reads a `multipart/mixed` body (or a `message/rfc822` document holding one) into its parts, decoded. */
export function parseMultipart(contentType: string, body: Buffer): MimePart[] {
  // latin1 keeps every byte as one character, so 8-bit parts come back byte for byte.
  let text = body.toString('latin1');
  let type = contentType;
  if (/^message\/rfc822\b/i.test(contentType)) {
    const [head, rest] = splitHead(text);
    type = headerBlock(head).get('content-type') ?? '';
    text = rest;
  }
  const boundary = boundaryOf(type);
  const sections = text.split(`--${boundary}`);
  if (sections.length < 3) throw new MimeError('the multipart body has no parts');
  const parts: MimePart[] = [];
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break;
    const [head, raw] = splitHead(section.replace(/^\r?\n/, ''));
    const headers = headerBlock(head);
    const content = raw.replace(/\r?\n$/, '');
    const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
    const filename = /filename="?([^";]+)"?/i.exec(headers.get('content-disposition') ?? '')?.[1];
    parts.push({
      contentType: headers.get('content-type') ?? 'text/plain',
      ...(filename === undefined ? {} : { filename }),
      content: encoding === 'base64' ? Buffer.from(content.replace(/\s+/g, ''), 'base64') : Buffer.from(content, 'latin1'),
    });
  }
  return parts;
}
