/**
 * The reference SHS receiver's receive service (`POST <base>/rs`), as AXEL's SHS broker answers: a synch
 * message gets its reply message (HTTP 200), an asynch one HTTP 202 with the tx.id and the `X-shs-*`
 * arrival headers, after which a confirm or error management message waits in the sender's outbox. An SHS
 * error is HTTP 400 with `X-shs-errorcode` and the text; a repeated tx.id is answered with the first
 * arrival and `X-shs-duplicatemsg: yes`, and not processed again.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { SHS_HEADER, asRfc822, decodeShsMessage, encodeShsMessage, managementXml, xmlPart, type ShsErrorCode, type ShsLabel, type ShsMessage } from '../../adapters/index.js';
import { parseXml } from '../../shared/xml/tree.js';
import type { Receipt } from '../certificates/certificate-contracts.js';
import { receiveCertificateMessage } from '../certificates/receiver-handlers.js';
import type { ReceiverStore } from '../certificates/receiver-store.js';
import type { ShsNodeStore, StoredShsMessage } from './shs-node-store.js';
import { namespaceOfProduct } from './shs-products.js';

export interface ShsNode {
  /** this node's actor (organisation number) */
  orgNumber: string;
  nodeId: string;
  /** organisation numbers it accepts messages from */
  senders: readonly string[];
  messages: ShsNodeStore;
  certificates: ReceiverStore;
  caPem: string;
}

class ShsError extends Error {
  constructor(
    readonly code: ShsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function refuse(res: Response, e: ShsError): void {
  res.status(400).set(SHS_HEADER.errorCode, e.code).type('text/plain').send(e.message);
}

function arrivalHeaders(m: StoredShsMessage, nodeId: string, duplicate: boolean): Record<string, string> {
  return {
    [SHS_HEADER.txId]: m.txId, [SHS_HEADER.corrId]: m.corrId, [SHS_HEADER.contentId]: m.contentId, [SHS_HEADER.nodeId]: nodeId,
    [SHS_HEADER.localId]: m.localId, [SHS_HEADER.arrivalDate]: m.arrival, [SHS_HEADER.duplicate]: duplicate ? 'yes' : 'no',
  };
}

/** The label and the certificate request it carries, or the SHS error that refuses it. */
function readMessage(node: ShsNode, contentType: string, body: Buffer): { message: ShsMessage; payloadXml: string } {
  let message: ShsMessage;
  try {
    message = decodeShsMessage(contentType, body);
  } catch (e) {
    throw new ShsError('IllegalMessageStructure', (e as Error).message);
  }
  const l = message.label;
  if (l.to !== node.orgNumber) throw new ShsError('UnknownReceiver', `urn:X-shs:${l.to} is not an actor of this node (urn:X-shs:${node.orgNumber})`);
  if (!node.senders.includes(l.from)) throw new ShsError('UnknownSender', `urn:X-shs:${l.from} has no agreement with urn:X-shs:${node.orgNumber}`);
  const namespace = namespaceOfProduct(l.product);
  if (!namespace) throw new ShsError('UnknownProductType', `product ${l.product} is not received by urn:X-shs:${node.orgNumber}`);
  const payloadXml = xmlPart(message);
  if (payloadXml === undefined) throw new ShsError('IllegalDatapartContent', 'the message has no xml data part');
  let ns: string;
  try {
    ns = parseXml(payloadXml).ns;
  } catch (e) {
    throw new ShsError('IllegalDatapartContent', `the xml data part does not parse: ${(e as Error).message}`);
  }
  if (ns !== namespace) throw new ShsError('IllegalDatapartContent', `product ${l.product} carries ${namespace}, the data part is in ${ns}`);
  return { message, payloadXml };
}

function process(node: ShsNode, label: ShsLabel, payloadXml: string): { receipt: Receipt; xml: string } {
  return receiveCertificateMessage({ payload: parseXml(payloadXml), raw: payloadXml, senderId: label.from }, node.certificates, node.caPem)!;
}

/** The answer to a message: same ids (tx.id copied for synch, new for asynch), from and to swapped. */
function replyLabel(node: ShsNode, l: ShsLabel, overrides: Partial<ShsLabel>): ShsLabel {
  return { ...l, from: node.orgNumber, to: l.from, datetime: node.messages.now().toISOString(), data: [], ...overrides };
}

/** A confirm for an OK or INFO receipt, an error (with the receipt's text) for ERROR. */
function managementMessage(node: ShsNode, l: ShsLabel, receipt: Receipt): ShsMessage {
  const base = { corrId: l.corrId, contentId: l.contentId, datetime: node.messages.now().toISOString() };
  const ok = receipt.resultCode !== 'ERROR';
  const doc = ok
    ? managementXml({ ...base, kind: 'confirm' })
    : managementXml({ ...base, kind: 'error', errorCode: receipt.errorId === 'VALIDATION_ERROR' ? 'IllegalDatapartContent' : 'OtherError', errorInfo: `${receipt.errorId ?? 'ERROR'}: ${receipt.resultText ?? ''}` });
  const kind = ok ? 'confirm' : 'error';
  return {
    label: replyLabel(node, l, { txId: randomUUID(), sequenceType: 'adm', transferType: 'asynch', product: kind }),
    parts: [{ datapartType: kind, filename: `${kind}.xml`, contentType: 'text/xml; charset=UTF-8', content: Buffer.from(doc, 'utf8') }],
  };
}

export function receiveService(node: ShsNode) {
  return (req: Request, res: Response): void => {
    const contentType = req.get('content-type') ?? '';
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let read: ReturnType<typeof readMessage>;
    try {
      read = readMessage(node, contentType, body);
    } catch (e) {
      if (e instanceof ShsError) return refuse(res, e);
      throw e;
    }
    const l = read.message.label;
    if (l.transferType === 'synch') {
      const { xml } = process(node, l, read.payloadXml);
      const reply = encodeShsMessage({
        label: replyLabel(node, l, { sequenceType: 'reply' }),
        parts: [{ datapartType: 'xml', filename: `resp-${l.corrId}.xml`, contentType: 'application/xml; charset=UTF-8', content: Buffer.from(xml, 'utf8') }],
      });
      res.status(200).type(reply.contentType).send(reply.body);
      return;
    }
    const earlier = node.messages.get(l.txId);
    if (earlier) {
      res.status(202).set(arrivalHeaders(earlier, node.nodeId, true)).type('text/plain').send(earlier.txId);
      return;
    }
    const stored = node.messages.put('in', l, contentType, body);
    const confirm = managementMessage(node, l, process(node, l, read.payloadXml).receipt);
    const doc = encodeShsMessage(confirm);
    node.messages.put('out', confirm.label, 'message/rfc822', asRfc822(doc));
    res.status(202).set(arrivalHeaders(stored, node.nodeId, false)).type('text/plain').send(stored.txId);
  };
}
