/**
 * What the adapters sent, by correlation id: the guard against delivering a call twice, and the state an
 * asynchronous SHS delivery is in until the receiver's confirm or error message arrives.
 */
import { migrate, type Db } from '../store/database.js';

/**
 * `sending` while the call is out; `delivered` when the receiver answered (synch); `awaiting-receipt` after
 * an SHS 202; `confirmed` / `error` from the receiver's management message; `failed` when the adapter
 * faulted (such a delivery may be sent again).
 */
export type DeliveryState = 'sending' | 'delivered' | 'awaiting-receipt' | 'confirmed' | 'error' | 'failed';

export interface Delivery {
  correlationId: string;
  format: 'SHS' | 'SSEK';
  receiver: string;
  namespace: string;
  url: string;
  /** the sender id the message went out with (SHS: the outbox its receipts wait in) */
  sender: string;
  txId: string;
  state: DeliveryState;
  reason: string | null;
  sentAt: string;
  updatedAt: string;
}

const SCHEMA: readonly string[] = [
  `CREATE TABLE adapter_delivery (
     correlation_id TEXT NOT NULL,
     format TEXT NOT NULL,
     receiver TEXT NOT NULL,
     namespace TEXT NOT NULL,
     url TEXT NOT NULL,
     sender TEXT NOT NULL,
     tx_id TEXT NOT NULL,
     state TEXT NOT NULL,
     reason TEXT,
     sent_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (correlation_id, format, receiver)
   );
   CREATE INDEX adapter_delivery_state ON adapter_delivery (state);`,
];

const COLUMNS = 'correlation_id AS correlationId, format, receiver, namespace, url, sender, tx_id AS txId, state, reason, sent_at AS sentAt, updated_at AS updatedAt';

export class DeliveryStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'adapters', SCHEMA);
  }

  /**
   * Claims the delivery of a call; returns the earlier delivery instead when one is out or was made (a
   * failed one is claimed again). One transaction, so two concurrent calls cannot both claim it.
   */
  claim(d: Pick<Delivery, 'correlationId' | 'format' | 'receiver' | 'namespace' | 'url' | 'sender' | 'txId'>): Delivery | undefined {
    return this.db.transaction(() => {
      const earlier = this.get(d.correlationId, d.format, d.receiver);
      if (earlier && earlier.state !== 'failed') return earlier;
      const t = this.now().toISOString();
      this.db
        .prepare(`INSERT INTO adapter_delivery (correlation_id, format, receiver, namespace, url, sender, tx_id, state, reason, sent_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', NULL, ?, ?)
          ON CONFLICT DO UPDATE SET namespace = excluded.namespace, url = excluded.url, sender = excluded.sender, tx_id = excluded.tx_id, state = 'sending', reason = NULL, sent_at = excluded.sent_at, updated_at = excluded.updated_at`)
        .run(d.correlationId, d.format, d.receiver, d.namespace, d.url, d.sender, d.txId, t, t);
      return undefined;
    }).immediate();
  }

  get(correlationId: string, format: string, receiver: string): Delivery | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM adapter_delivery WHERE correlation_id = ? AND format = ? AND receiver = ?`).get(correlationId, format, receiver) as Delivery | undefined;
  }

  set(d: Pick<Delivery, 'correlationId' | 'format' | 'receiver'>, state: DeliveryState, reason: string | null = null): void {
    this.db.prepare('UPDATE adapter_delivery SET state = ?, reason = ?, updated_at = ? WHERE correlation_id = ? AND format = ? AND receiver = ?').run(state, reason, this.now().toISOString(), d.correlationId, d.format, d.receiver);
  }

  /** Asynchronous SHS deliveries still waiting for the receiver's confirm or error. */
  awaiting(): Delivery[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM adapter_delivery WHERE state = 'awaiting-receipt' ORDER BY sent_at`).all() as Delivery[];
  }

  list(limit: number): Delivery[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM adapter_delivery ORDER BY updated_at DESC LIMIT ?`).all(limit) as Delivery[];
  }
}
