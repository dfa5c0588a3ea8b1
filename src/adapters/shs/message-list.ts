/** The delivery service's list of waiting messages (`shs.message-list`, shs-message-list-1.2.01.dtd). */
import { escapeXml } from '../../shared/xml/serialize.js';
import { children } from '../../shared/xml/tree.js';
import { parseShsXml, shsUrn, fromShsUrn, type ShsLabel } from './label.js';

export interface ListedMessage {
  txId: string;
  corrId: string;
  contentId: string;
  from: string;
  to: string;
  product: string;
  sequenceType: string;
  timestamp: string;
  size: number;
}

export function listedMessage(l: ShsLabel, timestamp: string, size: number): ListedMessage {
  return { txId: l.txId, corrId: l.corrId, contentId: l.contentId, from: l.from, to: l.to, product: l.product, sequenceType: l.sequenceType, timestamp, size };
}

export function messageListXml(messages: ListedMessage[]): string {
  const rows = messages.map(
    (m) =>
      `<message tx.id="${escapeXml(m.txId)}" corr.id="${escapeXml(m.corrId)}" content.id="${escapeXml(m.contentId)}" timestamp="${escapeXml(m.timestamp)}" size="${m.size}" ` +
      `from="${escapeXml(shsUrn(m.from))}" to="${escapeXml(shsUrn(m.to))}" product="${escapeXml(m.product)}" sequence-type="${escapeXml(m.sequenceType)}" status="production"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE shs.message-list SYSTEM "shs-message-list-1.2.01.dtd">\n<shs.message-list>${rows.join('')}</shs.message-list>`;
}

export function parseMessageList(text: string): ListedMessage[] {
  return children(parseShsXml(text), 'message').map((m) => ({
    txId: m.attrs['tx.id'] ?? '',
    corrId: m.attrs['corr.id'] ?? '',
    contentId: m.attrs['content.id'] ?? '',
    from: fromShsUrn(m.attrs.from ?? ''),
    to: fromShsUrn(m.attrs.to ?? ''),
    product: m.attrs.product ?? '',
    sequenceType: m.attrs['sequence-type'] ?? '',
    timestamp: m.attrs.timestamp ?? '',
    size: Number(m.attrs.size ?? 0),
  }));
}
