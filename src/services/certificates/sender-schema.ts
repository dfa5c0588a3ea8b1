/** SQLite schema of the Mina intyg / Intygstjänsten simulator: what it sent and the receipts it got. */
export const SENDER_SCHEMA: readonly string[] = [
  `CREATE TABLE sent_certificate (
     id TEXT PRIMARY KEY,
     id_root TEXT NOT NULL,
     person_id TEXT NOT NULL,
     type_code TEXT NOT NULL,
     receiver TEXT NOT NULL,
     status TEXT NOT NULL,
     result_code TEXT,
     error_id TEXT,
     result_text TEXT,
     sent_at TEXT NOT NULL,
     receipt_at TEXT,
     revoked_at TEXT
   );
   CREATE INDEX sent_certificate_person ON sent_certificate (person_id, sent_at);`,
  // The correlation id of the latest call, by which a receipt that comes later (SHS asynch) finds its row.
  `ALTER TABLE sent_certificate ADD COLUMN correlation_id TEXT;
   CREATE INDEX sent_certificate_correlation ON sent_certificate (correlation_id);`,
];
