/** SQLite schema of the reference SSEK receiver: the TxIds it has answered (a TxId is used once). */
export const SSEK_RECEIVER_SCHEMA: readonly string[] = [
  `CREATE TABLE ssek_tx (
     tx_id TEXT PRIMARY KEY,
     sender_id TEXT NOT NULL,
     received_at TEXT NOT NULL
   );`,
];
