/** SQLite schema of the reference inbox (its own file, `<dataDir>/services/<name>.db`). */
export const INBOX_SCHEMA: readonly string[] = [
  `CREATE TABLE inbox_user (
     subject_of_care_id TEXT PRIMARY KEY,
     active INTEGER NOT NULL,
     notify_sms INTEGER NOT NULL DEFAULT 0,
     notify_email INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE inbox_message (
     message_id TEXT PRIMARY KEY,
     thread_id TEXT NOT NULL,
     subject_of_care_id TEXT NOT NULL,
     direction TEXT NOT NULL CHECK (direction IN ('FromCare', 'FromCitizen')),
     unit_id TEXT NOT NULL,
     unit_name TEXT NOT NULL,
     unit_json TEXT NOT NULL,
     purpose TEXT NOT NULL,
     subject TEXT NOT NULL,
     text TEXT NOT NULL,
     links_json TEXT NOT NULL DEFAULT '[]',
     attachment_json TEXT,
     reply_allowed INTEGER NOT NULL DEFAULT 0,
     contract TEXT NOT NULL,
     source_system TEXT,
     sender_id TEXT,
     notifications_json TEXT NOT NULL DEFAULT '[]',
     created_at TEXT NOT NULL,
     visible_from TEXT NOT NULL,
     read_at TEXT
   );
   CREATE INDEX inbox_message_person ON inbox_message (subject_of_care_id, visible_from);
   CREATE INDEX inbox_message_thread ON inbox_message (thread_id, created_at);`,
];
