/** SQLite schema of the reference certificate receiver. */
export const RECEIVER_SCHEMA: readonly string[] = [
  `CREATE TABLE received_certificate (
     id_root TEXT NOT NULL,
     id_extension TEXT NOT NULL,
     type_code TEXT NOT NULL,
     person_id TEXT NOT NULL,
     signer_hsa_id TEXT,
     sender_id TEXT,
     xml TEXT NOT NULL,
     received_at TEXT NOT NULL,
     revoked_at TEXT,
     revoke_message TEXT,
     PRIMARY KEY (id_root, id_extension)
   );`,
];
