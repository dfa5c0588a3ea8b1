/**
 * The reference SSEK receiver's web service: checks the ssek:SSEK header (ReceiverId is this insurer, the
 * SenderId known, a 36-character TxId not used before) and the WS-Security signature, hands the Body to
 * the certificate logic and answers signed, with the SSEK header turned round and the same TxId. Refusals
 * are SOAP faults with an ssek: code (or wsse: for the signature), HTTP 500.
 */
import type { SoapCall, SoapReply } from '../../platform/soap-server.js';
import { readSsekHeader, signedSsekEnvelope, SsekHeaderError, ssekFaultXml, verifySsekSignature, rawPayload, type SigningAlgorithms, type SigningIdentity, type SsekFaultCode, type SsekHeader, type WsseFaultCode } from '../../adapters/index.js';
import { migrate, type Db } from '../../store/database.js';
import { receiveCertificateMessage } from '../certificates/receiver-handlers.js';
import type { ReceiverStore } from '../certificates/receiver-store.js';
import { SSEK_RECEIVER_SCHEMA } from './ssek-receiver-schema.js';

export interface SsekReceiverNode {
  /** this insurer's SSEK id (ReceiverId it answers to) and its type */
  id: string;
  idType: SsekHeader['receiver']['type'];
  /** SenderIds it has agreements with */
  senders: readonly string[];
  certificates: ReceiverStore;
  caPem: string;
  signer: SigningIdentity;
  algorithms: SigningAlgorithms;
  db: Db;
}

class Refusal extends Error {
  constructor(
    readonly code: SsekFaultCode | WsseFaultCode,
    message: string,
  ) {
    super(message);
  }
}

function checkHeader(node: SsekReceiverNode, call: SoapCall): SsekHeader {
  let h: SsekHeader;
  try {
    h = readSsekHeader(call.envelope.header);
  } catch (e) {
    if (e instanceof SsekHeaderError) throw new Refusal(e.faultCode, e.message);
    throw e;
  }
  if (h.receiver.id !== node.id || h.receiver.type !== node.idType) throw new Refusal('ReceiverIdUnknown', `ReceiverId ${h.receiver.id} (${h.receiver.type}) is not this receiver (${node.id}, ${node.idType})`);
  if (!node.senders.includes(h.sender.id)) throw new Refusal('SenderIdUnknown', `SenderId ${h.sender.id} (${h.sender.type}) has no agreement with ${node.id}`);
  return h;
}

export function ssekService(node: SsekReceiverNode): (call: SoapCall) => Promise<SoapReply> {
  migrate(node.db, 'ssek-receiver', SSEK_RECEIVER_SCHEMA);
  const fault = (e: Refusal): SoapReply => ({ status: 500, body: ssekFaultXml(e.code, e.message, node.id) });
  return async (call) => {
    const raw = call.rawBody.toString('utf8');
    try {
      const h = checkHeader(node, call);
      const check = verifySsekSignature(raw, node.caPem, node.certificates.now());
      if (!check.valid) throw new Refusal(check.missing ? 'InvalidSecurity' : 'FailedCheck', `Signature check failed: ${check.reason}`);
      const used = node.db.prepare('INSERT INTO ssek_tx (tx_id, sender_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(h.txId, h.sender.id, node.certificates.now().toISOString());
      if (used.changes === 0) throw new Refusal('TxIdInvalid', `TxId ${h.txId} has already been used; a new message needs a new TxId`);
      const payload = rawPayload(raw, call.envelope);
      const answer = receiveCertificateMessage({ payload: call.payload, raw: payload, senderId: h.sender.id }, node.certificates, node.caPem);
      if (!answer) throw new Refusal('ContentInvalid', `{${call.payload.ns}}${call.payload.name} is not a certificate message this receiver takes`);
      const back: SsekHeader = { sender: { id: node.id, type: node.idType }, receiver: h.sender, txId: h.txId };
      return { body: signedSsekEnvelope(back, answer.xml, node.signer, node.algorithms, node.certificates.now()) };
    } catch (e) {
      if (e instanceof Refusal) return fault(e);
      throw e;
    }
  };
}
