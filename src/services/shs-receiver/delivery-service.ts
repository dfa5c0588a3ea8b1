/**
 * The reference SHS receiver's delivery service, for its partners to fetch what waits for them (AXEL's
 * paths): `GET <base>/ds/{urn:X-shs:orgnr}` lists (filter=noack, maxhits), `GET …/{txId}` fetches the
 * message as message/rfc822, `POST …/{txId}?action=ack` acknowledges it.
 */
import { Router, type Request, type Response } from 'express';
import { listedMessage, messageListXml, type ShsLabel } from '../../adapters/index.js';
import type { ShsNodeStore, StoredShsMessage } from './shs-node-store.js';

const URN = /^urn:X-shs:(\d{10})$/;
const DEFAULT_MAX_HITS = 100;

function outboxOf(req: Request, res: Response): string | undefined {
  const m = URN.exec(String(req.params.outbox));
  if (!m) res.status(400).type('text/plain').send(`${String(req.params.outbox)} is not urn:X-shs:<organisation number>`);
  return m?.[1];
}

function asListed(m: StoredShsMessage) {
  const label = { txId: m.txId, corrId: m.corrId, contentId: m.contentId, from: m.sender, to: m.receiver, product: m.product, sequenceType: m.sequenceType } as ShsLabel;
  return listedMessage(label, m.arrival, m.body.length);
}

export function deliveryService(messages: ShsNodeStore): Router {
  const r = Router();
  r.get('/:outbox', (req, res) => {
    const outbox = outboxOf(req, res);
    if (!outbox) return;
    const maxHits = Math.max(1, Math.min(Number(req.query.maxhits) || DEFAULT_MAX_HITS, DEFAULT_MAX_HITS));
    const list = messages.outbox(outbox, req.query.filter === 'noack', maxHits).map(asListed);
    res.type('application/xml').send(messageListXml(list));
  });
  const waiting = (req: Request, res: Response): StoredShsMessage | undefined => {
    const outbox = outboxOf(req, res);
    const m = outbox ? messages.get(String(req.params.txId)) : undefined;
    if (outbox && (!m || m.box !== 'out' || m.receiver !== outbox)) res.status(404).type('text/plain').send(`no message ${String(req.params.txId)} for urn:X-shs:${outbox}`);
    return m?.box === 'out' && m.receiver === outbox ? m : undefined;
  };
  r.get('/:outbox/:txId', (req, res) => {
    const m = waiting(req, res);
    if (m) res.type(m.contentType).send(m.body);
  });
  r.post('/:outbox/:txId', (req, res) => {
    if (req.query.action !== 'ack') return void res.status(400).type('text/plain').send('the only action is ack');
    const m = waiting(req, res);
    if (m && messages.ack(m.txId)) res.type('text/plain').send(m.txId);
  });
  return r;
}
