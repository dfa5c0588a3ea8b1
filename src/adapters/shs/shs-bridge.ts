/**
 * RIV → SHS as Inera's AXEL riv-shs bridge does it: a label 1.2 with a new tx.id, corr.id from the call's
 * correlation id, `from` the platform's organisation number, `to` the receiver, the mapping's product and
 * transfer type; the RIV payload as one `xml` data part; POSTed to the receiver's receive service (`/rs`)
 * over mutual TLS. Synch: the reply's data part is the RIV answer. Asynch: the mapping's RIV answer at
 * once, the receiver's confirm or error later (receipt-poller.ts). HTTP 400 + X-shs-errorcode is ADAPTER003.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { soapEnvelope } from '../../shared/soap/envelope.js';
import { AdapterFault } from '../faults.js';
import { PENDING_RECEIPT_HEADER, timeouts, unreachable, type Bridge, type BridgeDeps, type OutboundCall } from '../bridge.js';
import { SHS_HEADER } from './errors.js';
import { decodeShsMessage, encodeShsMessage, xmlPart } from './message.js';

const SHS_CONTENT_TYPE = /^(?:multipart\/mixed|message\/rfc822)\b/i;

function senderOf(mappingSender: string, deps: BridgeDeps): string {
  return mappingSender || (deps.settings('adapters.shsOrgNumber') as string) || deps.platformHsaId;
}

const header = (h: Record<string, string | string[] | undefined>, name: string): string => {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
};

export const shsBridge: Bridge = {
  format: 'SHS',
  target: (m, _correlationId, deps) => ({ url: m.url.replace(/\/+$/, ''), sender: senderOf(m.senderId, deps), receiver: m.receiverId || m.logicalAddress, txId: randomUUID() }),
  async send(call: OutboundCall, deps: BridgeDeps) {
    const { mapping, target } = call;
    const synch = mapping.transfer === 'synch';
    const doc = encodeShsMessage({
      label: {
        txId: target.txId,
        corrId: call.correlationId,
        transferType: mapping.transfer,
        sequenceType: synch ? 'request' : 'event',
        status: 'production',
        from: target.sender,
        to: target.receiver,
        product: mapping.product,
        datetime: deps.now().toISOString(),
        contentId: randomUUID(),
        data: [],
      },
      parts: [{ datapartType: 'xml', filename: `req-${call.correlationId}.xml`, contentType: 'application/xml; charset=UTF-8', content: Buffer.from(call.payload, 'utf8') }],
    });
    const url = `${target.url}/rs`;
    let res;
    try {
      res = await request(url, { method: 'POST', headers: { 'content-type': doc.contentType }, body: doc.body, dispatcher: deps.dispatcher, ...timeouts(deps) });
    } catch (e) {
      throw unreachable('SHS', url, e);
    }
    const body = Buffer.from(await res.body.arrayBuffer());
    const status = res.statusCode;
    const errorCode = header(res.headers, SHS_HEADER.errorCode);
    if (status === 400 && errorCode) throw new AdapterFault('ADAPTER003', url, errorCode, body.toString('utf8').trim());
    if (synch && status === 200 && SHS_CONTENT_TYPE.test(header(res.headers, 'content-type'))) {
      let data: string | undefined;
      try {
        data = xmlPart(decodeShsMessage(header(res.headers, 'content-type'), body));
      } catch (e) {
        throw new AdapterFault('ADAPTER007', 'SHS', url, `the synch reply is not an SHS message: ${(e as Error).message}`);
      }
      if (data === undefined) throw new AdapterFault('ADAPTER007', 'SHS', url, 'the synch reply has no xml data part');
      return { reply: { body: soapEnvelope(data.replace(/^<\?xml[^>]*\?>\s*/, '')) }, httpStatus: status, state: 'delivered', detail: `synch reply to tx.id ${target.txId}` };
    }
    if (!synch && status === 202) {
      if (header(res.headers, SHS_HEADER.duplicate) === 'yes') {
        throw new AdapterFault('ADAPTER006', call.correlationId, target.receiver, `${target.txId} (the receive service reports a duplicate, arrived ${header(res.headers, SHS_HEADER.arrivalDate)})`);
      }
      return {
        reply: { body: soapEnvelope(mapping.asynchAnswer), headers: { [PENDING_RECEIPT_HEADER]: 'pending' } },
        httpStatus: status,
        state: 'awaiting-receipt',
        detail: `accepted as tx.id ${target.txId}; awaiting the receiver's confirm`,
      };
    }
    throw new AdapterFault('ADAPTER007', 'SHS', url, `HTTP ${status} ${header(res.headers, 'content-type')} to a ${mapping.transfer} message: ${body.toString('utf8').slice(0, 200)}`);
  },
};
