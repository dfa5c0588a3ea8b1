/**
 * One SHS message: the label and its data parts, to and from MIME. The label names each data part's type
 * and file name; the MIME parts carry them in the same order.
 */
import { buildMultipart, parseMultipart, type MimeDocument } from './mime.js';
import { LabelError, labelXml, parseLabel, type ShsLabel } from './label.js';

export interface DataPart {
  datapartType: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ShsMessage {
  label: ShsLabel;
  parts: DataPart[];
}

export function encodeShsMessage(m: ShsMessage): MimeDocument {
  const label = { ...m.label, data: m.parts.map((p) => ({ datapartType: p.datapartType, filename: p.filename })) };
  return buildMultipart([
    { contentType: 'text/xml; charset=UTF-8', content: Buffer.from(labelXml(label), 'utf8') },
    ...m.parts.map((p) => ({ contentType: p.contentType, filename: p.filename, content: p.content })),
  ]);
}

/** Throws MimeError or LabelError naming what is wrong. */
export function decodeShsMessage(contentType: string, body: Buffer): ShsMessage {
  const [first, ...rest] = parseMultipart(contentType, body);
  if (!first || !/xml/i.test(first.contentType)) throw new LabelError('the first MIME part must be the shs.label (text/xml)');
  const label = parseLabel(first.content.toString('utf8'));
  const parts = rest.map((p, i) => ({
    datapartType: label.data[i]?.datapartType ?? '',
    filename: p.filename ?? label.data[i]?.filename ?? '',
    contentType: p.contentType,
    content: p.content,
  }));
  return { label, parts };
}

/** The XML data part of a message as text (the RIV payload, or a management document). */
export function xmlPart(m: ShsMessage): string | undefined {
  return m.parts.find((p) => /xml/i.test(p.contentType) || p.datapartType === 'xml' || p.datapartType === 'confirm' || p.datapartType === 'error')?.content.toString('utf8');
}
