/**
 * The SHS 1.2 label (`shs.label`, shs-label-1.2.dtd): who sends what to whom, the transaction and
 * correlation ids and how the message travels. Actors are `urn:X-shs:<organisation number>`.
 */
import { escapeXml } from '../../shared/xml/serialize.js';
import { child, children, parseXml } from '../../shared/xml/tree.js';

export type SequenceType = 'event' | 'request' | 'reply' | 'adm';
export type TransferType = 'synch' | 'asynch';

export interface DataPartInfo {
  datapartType: string;
  filename: string;
}

export interface ShsLabel {
  txId: string;
  corrId: string;
  transferType: TransferType;
  sequenceType: SequenceType;
  status: 'test' | 'production';
  /** organisation number of the sender (`from`) */
  from: string;
  fromName?: string;
  /** organisation number of the receiver (`to`) */
  to: string;
  /** product id: a UUID, or `confirm` / `error` for management messages */
  product: string;
  datetime: string;
  contentId: string;
  data: DataPartInfo[];
}

const URN = 'urn:X-shs:';
const SEQUENCE_TYPES: readonly string[] = ['event', 'request', 'reply', 'adm'];

export const shsUrn = (id: string): string => (id.startsWith(URN) ? id : URN + id);
export const fromShsUrn = (urn: string): string => (urn.startsWith(URN) ? urn.slice(URN.length) : urn);

/**
 * The DTD reference every SHS document starts with. Our XML reader refuses DOCTYPEs (no DTD is ever
 * processed), so readers drop exactly this form: an external identifier and no internal subset.
 */
const DOCTYPE = /<!DOCTYPE\s+shs\.[a-z.-]+\s+SYSTEM\s+"[^"<>[\]]*"\s*>/;

export function parseShsXml(text: string): ReturnType<typeof parseXml> {
  return parseXml(text.replace(DOCTYPE, ''));
}

export function labelXml(l: ShsLabel): string {
  const from = l.fromName === undefined ? `<from>${shsUrn(l.from)}</from>` : `<from commonName="${escapeXml(l.fromName)}">${shsUrn(l.from)}</from>`;
  const data = l.data.map((d) => `<data datapartType="${escapeXml(d.datapartType)}" filename="${escapeXml(d.filename)}"/>`).join('');
  const product = l.product === 'confirm' || l.product === 'error' ? l.product : shsUrn(l.product);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE shs.label SYSTEM "shs-label-1.2.dtd">\n' +
    `<shs.label version="1.2" tx.id="${escapeXml(l.txId)}" corr.id="${escapeXml(l.corrId)}" transfer-type="${l.transferType}" message-type="simple" document-type="simple" sequence-type="${l.sequenceType}" status="${l.status}">` +
    `${from}<to>${shsUrn(l.to)}</to><product>${escapeXml(product)}</product><datetime>${escapeXml(l.datetime)}</datetime>` +
    `<content content.id="${escapeXml(l.contentId)}">${data}</content></shs.label>`
  );
}

export class LabelError extends Error {}

export function parseLabel(text: string): ShsLabel {
  const el = parseShsXml(text);
  if (el.name !== 'shs.label') throw new LabelError(`expected shs.label, got ${el.name}`);
  const need = (name: string): string => {
    const v = el.attrs[name];
    if (!v) throw new LabelError(`shs.label has no ${name}`);
    return v;
  };
  const sequenceType = need('sequence-type');
  if (!SEQUENCE_TYPES.includes(sequenceType)) throw new LabelError(`sequence-type '${sequenceType}' is not one of ${SEQUENCE_TYPES.join(', ')}`);
  const from = child(el, 'from') ?? child(el, 'originator');
  const content = child(el, 'content');
  if (!from || !child(el, 'product') || !content) throw new LabelError('shs.label needs from, product and content');
  const label: ShsLabel = {
    txId: need('tx.id'),
    corrId: need('corr.id'),
    transferType: el.attrs['transfer-type'] === 'synch' ? 'synch' : 'asynch',
    sequenceType: sequenceType as SequenceType,
    status: el.attrs.status === 'test' ? 'test' : 'production',
    from: fromShsUrn(from.text.trim()),
    to: fromShsUrn(child(el, 'to')?.text.trim() ?? ''),
    product: fromShsUrn(child(el, 'product')!.text.trim()),
    datetime: child(el, 'datetime')?.text.trim() ?? '',
    contentId: content.attrs['content.id'] ?? '',
    data: children(content, 'data').map((d) => ({ datapartType: d.attrs.datapartType ?? '', filename: d.attrs.filename ?? '' })),
  };
  if (from.attrs.commonName) label.fromName = from.attrs.commonName;
  return label;
}
