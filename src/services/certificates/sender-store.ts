import { migrate, type Db } from '../../store/database.js';
import { SENDER_SCHEMA } from './sender-schema.js';
import type { Receipt } from './certificate-contracts.js';

/**
 * Status of a sent certificate as the citizen follows it: `sending` until the receipt comes, `received` on
 * OK/INFO, `error` when the register call failed (reason in resultText), `revoked` after an OK revocation,
 * `revoke-failed` when the revocation was refused. `sent` / `revoke-sent`: handed to the platform's SHS
 * adapter, the receiver's receipt still to come (docs/adapters.md).
 */
export type SendStatus = 'sending' | 'sent' | 'received' | 'error' | 'revoke-sent' | 'revoked' | 'revoke-failed';

export interface SentCertificate {
  id: string;
  idRoot: string;
  personId: string;
  typeCode: string;
  receiver: string;
  status: SendStatus;
  resultCode: string | null;
  errorId: string | null;
  resultText: string | null;
  sentAt: string;
  receiptAt: string | null;
  revokedAt: string | null;
  /** of the latest call about it */
  correlationId: string | null;
}

interface Row {
  id: string;
  id_root: string;
  person_id: string;
  type_code: string;
  receiver: string;
  status: SendStatus;
  result_code: string | null;
  error_id: string | null;
  result_text: string | null;
  sent_at: string;
  receipt_at: string | null;
  revoked_at: string | null;
  correlation_id: string | null;
}

const toSent = (r: Row): SentCertificate => ({
  id: r.id,
  idRoot: r.id_root,
  personId: r.person_id,
  typeCode: r.type_code,
  receiver: r.receiver,
  status: r.status,
  resultCode: r.result_code,
  errorId: r.error_id,
  resultText: r.result_text,
  sentAt: r.sent_at,
  receiptAt: r.receipt_at,
  revokedAt: r.revoked_at,
  correlationId: r.correlation_id,
});

export class SenderStore {
  constructor(
    private readonly db: Db,
    readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'certificate-sender', SENDER_SCHEMA);
  }

  /** Recorded before the call, so a crash mid-call leaves a visible `sending` row rather than nothing. */
  start(c: Pick<SentCertificate, 'id' | 'idRoot' | 'personId' | 'typeCode' | 'receiver'>): void {
    this.db
      .prepare(`INSERT INTO sent_certificate (id, id_root, person_id, type_code, receiver, status, sent_at) VALUES (?, ?, ?, ?, ?, 'sending', ?)`)
      .run(c.id, c.idRoot, c.personId, c.typeCode, c.receiver, this.now().toISOString());
  }

  /** Records a receipt (or a failure turned into one) and the status it leads to. */
  record(id: string, status: SendStatus, receipt: Receipt): SentCertificate {
    const now = this.now().toISOString();
    this.db
      .prepare('UPDATE sent_certificate SET status = ?, result_code = ?, error_id = ?, result_text = ?, receipt_at = ?, revoked_at = CASE WHEN ? = \'revoked\' THEN ? ELSE revoked_at END WHERE id = ?')
      .run(status, receipt.resultCode, receipt.errorId ?? null, receipt.resultText ?? null, now, status, now, id);
    return this.get(id)!;
  }

  /** The correlation id of the call about to be made for this certificate. */
  correlate(id: string, correlationId: string): void {
    this.db.prepare('UPDATE sent_certificate SET correlation_id = ? WHERE id = ?').run(correlationId, id);
  }

  byCorrelation(correlationId: string): SentCertificate | undefined {
    const r = this.db.prepare('SELECT * FROM sent_certificate WHERE correlation_id = ?').get(correlationId) as Row | undefined;
    return r ? toSent(r) : undefined;
  }

  get(id: string): SentCertificate | undefined {
    const r = this.db.prepare('SELECT * FROM sent_certificate WHERE id = ?').get(id) as Row | undefined;
    return r ? toSent(r) : undefined;
  }

  listFor(personId: string): SentCertificate[] {
    return (this.db.prepare('SELECT * FROM sent_certificate WHERE person_id = ? ORDER BY sent_at DESC, rowid DESC').all(personId) as Row[]).map(toSent);
  }
}
