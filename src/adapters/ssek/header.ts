/**
 * The SSEK 2.0 header (`ssek:SSEK`, namespace http://schemas.ssek.org/ssek/2006-05-10/): SenderId and
 * ReceiverId with their `ssek:Type`, and the 36-character TxId. Sent with mustUnderstand="1".
 */
import { randomUUID } from 'node:crypto';
import { NS } from '../../shared/soap/namespaces.js';
import { escapeXml } from '../../shared/xml/serialize.js';
import { child, type XmlElement } from '../../shared/xml/tree.js';

export const SSEK_NS = 'http://schemas.ssek.org/ssek/2006-05-10/';
export const SSEK_ID_TYPES = ['APP', 'CN', 'DN', 'ORGNR'] as const;
export type SsekIdType = (typeof SSEK_ID_TYPES)[number];

export interface SsekParty {
  id: string;
  type: SsekIdType;
}

export interface SsekHeader {
  sender: SsekParty;
  receiver: SsekParty;
  txId: string;
}

const TX_ID_LENGTH = 36;

/** The TxId of a call: its correlation id when that has the 36 characters the schema demands, else a new UUID. */
export function txIdFor(correlationId: string): string {
  return correlationId.length === TX_ID_LENGTH ? correlationId : randomUUID();
}

/** The header element; `wsuId` lets the WS-Security signature reference it. */
export function ssekHeaderXml(h: SsekHeader, wsuId: string, wsuNs: string): string {
  const party = (name: string, p: SsekParty): string => `<ssek:${name} ssek:Type="${p.type}">${escapeXml(p.id)}</ssek:${name}>`;
  return (
    `<ssek:SSEK xmlns:ssek="${SSEK_NS}" xmlns:wsu="${wsuNs}" xmlns:soapenv="${NS.soap11}" soapenv:mustUnderstand="1" wsu:Id="${wsuId}">` +
    party('SenderId', h.sender) + party('ReceiverId', h.receiver) + `<ssek:TxId>${escapeXml(h.txId)}</ssek:TxId></ssek:SSEK>`
  );
}

export class SsekHeaderError extends Error {
  constructor(
    /** the SSEK FaultCode a receiver answers with */
    readonly faultCode: 'TxIdMissing' | 'TxIdInvalid' | 'SenderIdUnknown' | 'ReceiverIdUnknown' | 'ContentInvalid',
    message: string,
  ) {
    super(message);
  }
}

function party(el: XmlElement | undefined, name: string): SsekParty {
  if (!el || !el.text.trim()) throw new SsekHeaderError(name === 'SenderId' ? 'SenderIdUnknown' : 'ReceiverIdUnknown', `ssek:SSEK has no ${name}`);
  // attributeFormDefault is qualified: the type is ssek:Type; CN is the schema's default.
  const typeAttr = Object.entries(el.attrs).find(([q]) => q === 'Type' || q.endsWith(':Type'))?.[1] ?? 'CN';
  if (!(SSEK_ID_TYPES as readonly string[]).includes(typeAttr)) throw new SsekHeaderError('ContentInvalid', `${name} Type '${typeAttr}' is not one of ${SSEK_ID_TYPES.join(', ')}`);
  return { id: el.text.trim(), type: typeAttr as SsekIdType };
}

/** The SSEK header among the SOAP headers; throws SsekHeaderError with the fault code a receiver answers. */
export function readSsekHeader(header: XmlElement | undefined): SsekHeader {
  const el = header?.children.find((c) => c.name === 'SSEK' && c.ns === SSEK_NS);
  if (!el) throw new SsekHeaderError('ContentInvalid', 'the message has no ssek:SSEK header');
  const txId = child(el, 'TxId', SSEK_NS)?.text.trim();
  if (!txId) throw new SsekHeaderError('TxIdMissing', 'ssek:SSEK has no TxId');
  if (txId.length !== TX_ID_LENGTH) throw new SsekHeaderError('TxIdInvalid', `TxId '${txId}' is not ${TX_ID_LENGTH} characters`);
  return { sender: party(child(el, 'SenderId', SSEK_NS), 'SenderId'), receiver: party(child(el, 'ReceiverId', SSEK_NS), 'ReceiverId'), txId };
}
