import { migrate, type Db } from '../../store/database.js';
import { RECEIVER_SCHEMA } from './receiver-schema.js';
import type { Receipt } from './certificate-contracts.js';

export interface ReceivedCertificate {
  idRoot: string;
  idExtension: string;
  typeCode: string;
  personId: string;
  signerHsaId: string | null;
  senderId: string | null;
  xml: string;
  receivedAt: string;
  revokedAt: string | null;
  revokeMessage: string | null;
}

interface Row {
  id_root: string;
  id_extension: string;
  type_code: string;
  person_id: string;
  signer_hsa_id: string | null;
  sender_id: string | null;
  xml: string;
  received_at: string;
  revoked_at: string | null;
  revoke_message: string | null;
}

const toCertificate = (r: Row): ReceivedCertificate => ({
  idRoot: r.id_root,
  idExtension: r.id_extension,
  typeCode: r.type_code,
  personId: r.person_id,
  signerHsaId: r.signer_hsa_id,
  senderId: r.sender_id,
  xml: r.xml,
  receivedAt: r.received_at,
  revokedAt: r.revoked_at,
  revokeMessage: r.revoke_message,
});

/** The receiver's certificates and revocations; each call's outcome is the receipt it answers with. */
export class ReceiverStore {
  constructor(
    private readonly db: Db,
    readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'certificate-receiver', RECEIVER_SCHEMA);
  }

  get(root: string, extension: string): ReceivedCertificate | undefined {
    const r = this.db.prepare('SELECT * FROM received_certificate WHERE id_root = ? AND id_extension = ?').get(root, extension) as Row | undefined;
    return r ? toCertificate(r) : undefined;
  }

  list(): ReceivedCertificate[] {
    return (this.db.prepare('SELECT * FROM received_certificate ORDER BY received_at').all() as Row[]).map(toCertificate);
  }

  /** A repeated registration is acknowledged (INFO) and changes nothing; a revoked one is refused (REVOKED). */
  register(c: Omit<ReceivedCertificate, 'receivedAt' | 'revokedAt' | 'revokeMessage'>): Receipt {
    const known = this.get(c.idRoot, c.idExtension);
    if (known?.revokedAt) return { resultCode: 'ERROR', errorId: 'REVOKED', resultText: `Certificate ${c.idExtension} has been revoked and cannot be registered again` };
    if (known) return { resultCode: 'INFO', resultText: `Certificate ${c.idExtension} was already received ${known.receivedAt}` };
    this.db
      .prepare('INSERT INTO received_certificate (id_root, id_extension, type_code, person_id, signer_hsa_id, sender_id, xml, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.idRoot, c.idExtension, c.typeCode, c.personId, c.signerHsaId, c.senderId, c.xml, this.now().toISOString());
    return { resultCode: 'OK' };
  }

  revoke(root: string, extension: string, personId: string, message: string | undefined): Receipt {
    const known = this.get(root, extension);
    if (!known) return { resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: `Certificate ${extension} (${root}) has not been received` };
    if (known.personId !== personId) return { resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: `Certificate ${extension} does not belong to patient ${personId}` };
    if (known.revokedAt) return { resultCode: 'ERROR', errorId: 'REVOKED', resultText: `Certificate ${extension} was already revoked ${known.revokedAt}` };
    this.db.prepare('UPDATE received_certificate SET revoked_at = ?, revoke_message = ? WHERE id_root = ? AND id_extension = ?').run(this.now().toISOString(), message ?? null, root, extension);
    return { resultCode: 'OK' };
  }
}
