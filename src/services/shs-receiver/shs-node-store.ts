import { randomUUID } from 'node:crypto';
import { migrate, type Db } from '../../store/database.js';
import type { ShsLabel } from '../../adapters/index.js';
import { SHS_NODE_SCHEMA } from './shs-node-schema.js';

export interface StoredShsMessage {
  txId: string;
  box: 'in' | 'out';
  corrId: string;
  contentId: string;
  sender: string;
  receiver: string;
  product: string;
  sequenceType: string;
  localId: string;
  arrival: string;
  contentType: string;
  body: Buffer;
  ackedAt: string | null;
}

const COLUMNS = `tx_id AS txId, box, corr_id AS corrId, content_id AS contentId, sender, receiver, product, sequence_type AS sequenceType,
  local_id AS localId, arrival, content_type AS contentType, body, acked_at AS ackedAt`;

/** The SHS node's messages: what arrived (duplicates recognised by tx.id) and the outbox its partners fetch from. */
export class ShsNodeStore {
  constructor(
    private readonly db: Db,
    readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'shs-node', SHS_NODE_SCHEMA);
  }

  get(txId: string): StoredShsMessage | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM shs_message WHERE tx_id = ?`).get(txId) as StoredShsMessage | undefined;
  }

  /** Stores a message under its label's tx.id; returns the row (a new local id and arrival time). */
  put(box: 'in' | 'out', label: ShsLabel, contentType: string, body: Buffer): StoredShsMessage {
    this.db
      .prepare('INSERT INTO shs_message (tx_id, box, corr_id, content_id, sender, receiver, product, sequence_type, local_id, arrival, content_type, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(label.txId, box, label.corrId, label.contentId, label.from, label.to, label.product, label.sequenceType, randomUUID(), this.now().toISOString(), contentType, body);
    return this.get(label.txId)!;
  }

  /** Outbox messages for a receiver, oldest first; `unackedOnly` is the delivery service's `filter=noack`. */
  outbox(receiver: string, unackedOnly: boolean, maxHits: number): StoredShsMessage[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM shs_message WHERE box = 'out' AND receiver = ? ${unackedOnly ? 'AND acked_at IS NULL' : ''} ORDER BY arrival, rowid LIMIT ?`)
      .all(receiver, maxHits) as StoredShsMessage[];
  }

  ack(txId: string): boolean {
    return this.db.prepare("UPDATE shs_message SET acked_at = coalesce(acked_at, ?) WHERE tx_id = ? AND box = 'out'").run(this.now().toISOString(), txId).changes > 0;
  }
}
