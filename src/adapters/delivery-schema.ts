/** The adapters' delivery table, applied with `migrate(db, 'adapters', …)` or `migratePostgres(pool, 'adapters', …)`. Never edit a released step; add one. */
export const DELIVERY_SCHEMA: readonly string[] = [
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

/** The same table on PostgreSQL (the SQL above is valid there too; kept apart so each can gain its own steps). */
export const DELIVERY_SCHEMA_POSTGRES: readonly string[] = [DELIVERY_SCHEMA[0]!];
