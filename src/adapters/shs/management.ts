/**
 * SHS management documents (`shs.management`, shs-management-1.2.dtd): the receiver's `confirmation` or
 * `error` (with `errorcode` and `errorinfo`) for an earlier message, correlated by corr.id and content.id.
 */
import { escapeXml } from '../../shared/xml/serialize.js';
import { child } from '../../shared/xml/tree.js';
import { parseShsXml } from './label.js';

export type Management = { corrId: string; contentId: string; datetime: string } & ({ kind: 'confirm' } | { kind: 'error'; errorCode: string; errorInfo: string });

export function managementXml(m: Management): string {
  const body = m.kind === 'confirm' ? '<confirmation/>' : `<error errorcode="${escapeXml(m.errorCode)}" errorinfo="${escapeXml(m.errorInfo)}"/>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE shs.management SYSTEM "shs-management-1.2.dtd">\n' +
    `<shs.management corr.id="${escapeXml(m.corrId)}" content.id="${escapeXml(m.contentId)}"><datetime>${escapeXml(m.datetime)}</datetime>${body}</shs.management>`
  );
}

export function parseManagement(text: string): Management {
  const el = parseShsXml(text);
  if (el.name !== 'shs.management') throw new Error(`expected shs.management, got ${el.name}`);
  const base = { corrId: el.attrs['corr.id'] ?? '', contentId: el.attrs['content.id'] ?? '', datetime: child(el, 'datetime')?.text ?? '' };
  const error = child(el, 'error');
  if (error) return { ...base, kind: 'error', errorCode: error.attrs.errorcode ?? 'OtherError', errorInfo: error.attrs.errorinfo ?? '' };
  if (child(el, 'confirmation')) return { ...base, kind: 'confirm' };
  throw new Error('shs.management holds neither confirmation nor error');
}
