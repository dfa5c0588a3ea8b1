/** SQLite schema of the reference SHS receiver's node: messages received (`in`) and waiting for fetch (`out`). */
export const SHS_NODE_SCHEMA: readonly string[] = [
  `CREATE TABLE shs_message (
     tx_id TEXT PRIMARY KEY,
     box TEXT NOT NULL CHECK (box IN ('in', 'out')),
     corr_id TEXT NOT NULL,
     content_id TEXT NOT NULL,
     sender TEXT NOT NULL,
     receiver TEXT NOT NULL,
     product TEXT NOT NULL,
     sequence_type TEXT NOT NULL,
     local_id TEXT NOT NULL,
     arrival TEXT NOT NULL,
     content_type TEXT NOT NULL,
     body BLOB NOT NULL,
     acked_at TEXT
   );
   CREATE INDEX shs_message_outbox ON shs_message (box, receiver, acked_at);`,
];
