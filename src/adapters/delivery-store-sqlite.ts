import { migrate, type Db } from '../store/database.js';
import { DELIVERY_SCHEMA } from './delivery-schema.js';
import { DELIVERY_COLUMNS, type Delivery, type DeliveryClaim, type DeliveryKey, type DeliveryState, type DeliveryStore } from './delivery-store.js';

/** The delivery record in the instance's SQLite file. */
export class SqliteDeliveryStore implements DeliveryStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'adapters', DELIVERY_SCHEMA);
  }

  async claim(d: DeliveryClaim): Promise<Delivery | undefined> {
    // One immediate transaction: a second claim waits for the first and then sees its row.
    return this.db.transaction(() => {
      const earlier = this.row(d.correlationId, d.format, d.receiver);
      if (earlier && earlier.state !== 'failed') return earlier;
      const t = this.now().toISOString();
      this.db
        .prepare(`INSERT INTO adapter_delivery (correlation_id, format, receiver, namespace, url, sender, tx_id, state, reason, sent_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', NULL, ?, ?)
          ON CONFLICT DO UPDATE SET namespace = excluded.namespace, url = excluded.url, sender = excluded.sender, tx_id = excluded.tx_id, state = 'sending', reason = NULL, sent_at = excluded.sent_at, updated_at = excluded.updated_at`)
        .run(d.correlationId, d.format, d.receiver, d.namespace, d.url, d.sender, d.txId, t, t);
      return undefined;
    }).immediate();
  }

  async get(correlationId: string, format: string, receiver: string): Promise<Delivery | undefined> {
    return this.row(correlationId, format, receiver);
  }

  async set(d: DeliveryKey, state: DeliveryState, reason: string | null = null): Promise<void> {
    this.db.prepare('UPDATE adapter_delivery SET state = ?, reason = ?, updated_at = ? WHERE correlation_id = ? AND format = ? AND receiver = ?').run(state, reason, this.now().toISOString(), d.correlationId, d.format, d.receiver);
  }

  async awaiting(): Promise<Delivery[]> {
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM adapter_delivery WHERE state = 'awaiting-receipt' ORDER BY sent_at`).all() as Delivery[];
  }

  async list(limit: number): Promise<Delivery[]> {
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM adapter_delivery ORDER BY updated_at DESC LIMIT ?`).all(limit) as Delivery[];
  }

  private row(correlationId: string, format: string, receiver: string): Delivery | undefined {
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM adapter_delivery WHERE correlation_id = ? AND format = ? AND receiver = ?`).get(correlationId, format, receiver) as Delivery | undefined;
  }
}
