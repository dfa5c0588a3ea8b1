import { migratePostgres, type PgPool } from '../store/postgres.js';
import { DELIVERY_SCHEMA_POSTGRES } from './delivery-schema.js';
import { DELIVERY_COLUMNS, type Delivery, type DeliveryClaim, type DeliveryKey, type DeliveryState, type DeliveryStore } from './delivery-store.js';

/** The delivery record in the PostgreSQL database that several instances share. */
export class PgDeliveryStore implements DeliveryStore {
  private constructor(
    private readonly pool: PgPool,
    private readonly now: () => Date,
  ) {}

  static async open(pool: PgPool, now: () => Date = () => new Date()): Promise<PgDeliveryStore> {
    await migratePostgres(pool, 'adapters', DELIVERY_SCHEMA_POSTGRES);
    return new PgDeliveryStore(pool, now);
  }

  async claim(d: DeliveryClaim): Promise<Delivery | undefined> {
    // One statement: the insert, or the take-over of a failed delivery, happens for exactly one of two
    // concurrent claims (the other waits on the row and then finds it taken).
    const t = this.now().toISOString();
    const claimed = await this.pool.query(
      `INSERT INTO adapter_delivery (correlation_id, format, receiver, namespace, url, sender, tx_id, state, reason, sent_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'sending', NULL, $8, $8)
        ON CONFLICT (correlation_id, format, receiver) DO UPDATE SET namespace = excluded.namespace, url = excluded.url, sender = excluded.sender, tx_id = excluded.tx_id, state = 'sending', reason = NULL, sent_at = excluded.sent_at, updated_at = excluded.updated_at
        WHERE adapter_delivery.state = 'failed'`,
      [d.correlationId, d.format, d.receiver, d.namespace, d.url, d.sender, d.txId, t],
    );
    return claimed.rowCount === 1 ? undefined : this.get(d.correlationId, d.format, d.receiver);
  }

  async get(correlationId: string, format: string, receiver: string): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM adapter_delivery WHERE correlation_id = $1 AND format = $2 AND receiver = $3`, [correlationId, format, receiver]);
    return rows[0];
  }

  async set(d: DeliveryKey, state: DeliveryState, reason: string | null = null): Promise<void> {
    await this.pool.query('UPDATE adapter_delivery SET state = $1, reason = $2, updated_at = $3 WHERE correlation_id = $4 AND format = $5 AND receiver = $6', [state, reason, this.now().toISOString(), d.correlationId, d.format, d.receiver]);
  }

  async awaiting(): Promise<Delivery[]> {
    return (await this.pool.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM adapter_delivery WHERE state = 'awaiting-receipt' ORDER BY sent_at`)).rows;
  }

  async list(limit: number): Promise<Delivery[]> {
    return (await this.pool.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM adapter_delivery ORDER BY updated_at DESC LIMIT $1`, [limit])).rows;
  }
}
