/**
 * What the adapters sent, by correlation id: the guard against delivering a call twice, and the state an
 * asynchronous SHS delivery is in until the receiver's confirm or error message arrives.
 */

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

export type DeliveryClaim = Pick<Delivery, 'correlationId' | 'format' | 'receiver' | 'namespace' | 'url' | 'sender' | 'txId'>;
export type DeliveryKey = Pick<Delivery, 'correlationId' | 'format' | 'receiver'>;

/** The delivery record, in the instance's SQLite file or in the PostgreSQL database several instances share. */
export interface DeliveryStore {
  /**
   * Claims the delivery of a call; returns the earlier delivery instead when one is out or was made (a
   * failed one is claimed again). Atomic: of two concurrent claims, on one instance or two, one wins.
   */
  claim(d: DeliveryClaim): Promise<Delivery | undefined>;
  get(correlationId: string, format: string, receiver: string): Promise<Delivery | undefined>;
  set(d: DeliveryKey, state: DeliveryState, reason?: string | null): Promise<void>;
  /** Asynchronous SHS deliveries still waiting for the receiver's confirm or error. */
  awaiting(): Promise<Delivery[]>;
  /** The latest deliveries, most recently updated first. */
  list(limit: number): Promise<Delivery[]>;
}

/** The columns as a Delivery; quoted aliases keep their case on PostgreSQL too. */
export const DELIVERY_COLUMNS = 'correlation_id AS "correlationId", format, receiver, namespace, url, sender, tx_id AS "txId", state, reason, sent_at AS "sentAt", updated_at AS "updatedAt"';
