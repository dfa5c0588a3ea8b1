/**
 * RIV → SSEK as Inera's RIVSSEK adapter did it: the RIV payload unchanged in the Body, an ssek:SSEK header
 * (mustUnderstand) with SenderId/ReceiverId and their Type, TxId from the correlation id, the message
 * signed with WS-Security; the answer's signature checked, its Body the RIV answer. An ssek: fault is
 * ADAPTER004, a missing or bad answer signature ADAPTER005.
 */
import { request } from 'undici';
import { parseEnvelope, soapEnvelope, type ParsedEnvelope } from '../../shared/soap/envelope.js';
import { SOAP_CONTENT_TYPE } from '../../shared/soap/namespaces.js';
import { AdapterFault } from '../faults.js';
import { rawPayload } from '../riv-payload.js';
import { ssekAlgorithms, timeouts, unreachable, type Bridge, type BridgeDeps, type OutboundCall } from '../bridge.js';
import { faultCodeOf } from './faults.js';
import { readSsekHeader, txIdFor, type SsekIdType } from './header.js';
import { signedSsekEnvelope, verifySsekSignature } from './ws-security.js';

/** "The sender will use the same type of id as the receiver" (RIVSSEK README): ORGNR or the CN setting. */
function senderOf(mappingSender: string, type: string, deps: BridgeDeps): string {
  if (mappingSender) return mappingSender;
  if (type === 'ORGNR') return (deps.settings('adapters.ssekSenderOrgNumber') as string) || `16${deps.platformHsaId}`;
  return deps.settings('adapters.ssekSenderCn') as string;
}

export const ssekBridge: Bridge = {
  format: 'SSEK',
  target: (m, correlationId, deps) => ({ url: m.url, sender: senderOf(m.senderId, m.receiverIdType, deps), receiver: m.receiverId || m.logicalAddress, txId: txIdFor(correlationId) }),
  async send(call: OutboundCall, deps: BridgeDeps) {
    const { mapping, target } = call;
    const type = mapping.receiverIdType as SsekIdType;
    const envelope = signedSsekEnvelope({ sender: { id: target.sender, type }, receiver: { id: target.receiver, type }, txId: target.txId }, call.payload, deps.signer, ssekAlgorithms(deps), deps.now());
    let res;
    try {
      res = await request(target.url, { method: 'POST', headers: { 'content-type': SOAP_CONTENT_TYPE, soapaction: '""' }, body: envelope, dispatcher: deps.dispatcher, ...timeouts(deps) });
    } catch (e) {
      throw unreachable('SSEK', target.url, e);
    }
    const text = await res.body.text();
    let env: ParsedEnvelope;
    try {
      env = parseEnvelope(text);
    } catch (e) {
      throw new AdapterFault('ADAPTER007', 'SSEK', target.url, `HTTP ${res.statusCode}, not a SOAP envelope: ${(e as Error).message}`);
    }
    const fault = faultCodeOf(env);
    if (fault) throw new AdapterFault('ADAPTER004', target.url, fault.qname, fault.text);
    if (res.statusCode !== 200 || !env.payload) throw new AdapterFault('ADAPTER007', 'SSEK', target.url, `HTTP ${res.statusCode} without a fault or a Body payload`);
    const check = verifySsekSignature(text, deps.caPem, deps.now());
    if (!check.valid) throw new AdapterFault('ADAPTER005', target.url, check.reason);
    let answerTxId: string;
    try {
      answerTxId = readSsekHeader(env.header).txId;
    } catch (e) {
      throw new AdapterFault('ADAPTER007', 'SSEK', target.url, (e as Error).message);
    }
    if (answerTxId !== target.txId) throw new AdapterFault('ADAPTER007', 'SSEK', target.url, `the answer's TxId ${answerTxId} is not the request's ${target.txId}`);
    return { reply: { body: soapEnvelope(rawPayload(text, env)) }, httpStatus: res.statusCode, state: 'delivered', detail: `answer to TxId ${target.txId}, signed by ${check.signer.subject.split('\n').find((l) => l.startsWith('CN=')) ?? check.signer.subject}` };
  },
};
