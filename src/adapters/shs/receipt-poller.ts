/**
 * Brings the receivers' confirm and error messages home for asynchronous SHS deliveries: while any delivery
 * awaits its receipt, each such receiver's delivery service is asked for the messages waiting in the
 * platform's outbox (`GET <url>/ds/urn:X-shs:<sender>?filter=noack`), each management message about an
 * awaited corr.id is fetched, recorded and acknowledged (`POST …/<tx.id>?action=ack`).
 */
import { request, type Dispatcher } from 'undici';
import type { Logger } from '../../shared/log.js';
import type { Delivery, DeliveryStore } from '../delivery-store.js';
import { shsUrn } from './label.js';
import { parseManagement, type Management } from './management.js';
import { decodeShsMessage, xmlPart } from './message.js';
import { parseMessageList } from './message-list.js';

/** At most this many messages are read from one receiver per round; the next round reads the rest. */
const MAX_HITS = 50;
const FETCH_TIMEOUT_MS = 10_000;

export interface ShsReceipt {
  delivery: Delivery;
  management: Management;
}

export interface PollerDeps {
  store: DeliveryStore;
  dispatcher: Dispatcher;
  log: Logger;
  /** called once per receipt, after it is recorded and before it is acknowledged */
  onReceipt(r: ShsReceipt): void;
}

async function get(deps: PollerDeps, url: string): Promise<{ contentType: string; body: Buffer }> {
  const res = await request(url, { dispatcher: deps.dispatcher, headersTimeout: FETCH_TIMEOUT_MS, bodyTimeout: FETCH_TIMEOUT_MS });
  const body = Buffer.from(await res.body.arrayBuffer());
  if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode} ${body.toString('utf8').slice(0, 200)}`);
  return { contentType: String(res.headers['content-type'] ?? ''), body };
}

async function pollOutbox(deps: PollerDeps, url: string, sender: string, awaited: Map<string, Delivery>): Promise<void> {
  const outbox = `${url}/ds/${encodeURIComponent(shsUrn(sender))}`;
  const list = parseMessageList((await get(deps, `${outbox}?filter=noack&maxhits=${MAX_HITS}`)).body.toString('utf8'));
  for (const m of list) {
    const delivery = awaited.get(m.corrId);
    if (m.sequenceType !== 'adm' || !delivery) continue;
    const fetched = await get(deps, `${outbox}/${encodeURIComponent(m.txId)}`);
    const management = parseManagement(xmlPart(decodeShsMessage(fetched.contentType, fetched.body)) ?? '');
    await deps.store.set(delivery, management.kind === 'confirm' ? 'confirmed' : 'error', management.kind === 'error' ? `${management.errorCode}: ${management.errorInfo}` : null);
    deps.onReceipt({ delivery, management });
    const ack = await request(`${outbox}/${encodeURIComponent(m.txId)}?action=ack`, { method: 'POST', dispatcher: deps.dispatcher, headersTimeout: FETCH_TIMEOUT_MS });
    await ack.body.dump();
  }
}

/** One round over every receiver with an awaited receipt; a failing receiver is logged and tried next round. */
export async function pollShsReceipts(deps: PollerDeps): Promise<void> {
  const groups = new Map<string, { url: string; sender: string; awaited: Map<string, Delivery> }>();
  for (const d of await deps.store.awaiting()) {
    if (d.format !== 'SHS') continue;
    const key = `${d.url}|${d.sender}`;
    const g = groups.get(key) ?? { url: d.url, sender: d.sender, awaited: new Map() };
    g.awaited.set(d.correlationId, d);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    await pollOutbox(deps, g.url, g.sender, g.awaited).catch((e: Error) => deps.log.warn('SHS receipt poll failed', { 'url.original': g.url, error: e.message }));
  }
}
