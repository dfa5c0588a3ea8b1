import { randomUUID } from 'node:crypto';
import { migrate, type Db } from '../../store/database.js';
import { INBOX_SCHEMA } from './inbox-schema.js';
import { InboxError } from './inbox-errors.js';
import type { MessagePurpose, NotificationMethod } from './inbox-contracts.js';

/** The sending care unit (`OrganisationUnitType` of patientportal 1.0). */
export interface OrganisationUnit {
  unitId: string;
  unitName: string;
  unitAddress?: string;
  unitPostalCode?: string;
  unitPostalCity?: string;
  unitTelephone?: string;
}

/** A link to an e-service: a URL (emulated 2) or a single-sign-on link (`SSOLinkType` of 1.0). */
export interface EServiceLink {
  text: string;
  url?: string;
  systemId?: string;
  queryString?: string;
  type?: string;
}

/** A link to an attachment kept outside the inbox. */
export interface AttachmentLink {
  text: string;
  url: string;
  mimeType?: string;
}

export interface NewMessage {
  subjectOfCareId: string;
  unit: OrganisationUnit;
  /** continue an existing thread; a new one is started when absent */
  threadId?: string;
  purpose: MessagePurpose;
  subject: string;
  text: string;
  links: EServiceLink[];
  attachment?: AttachmentLink;
  replyAllowed: boolean;
  /** the contract namespace it came in with */
  contract: string;
  sourceSystem?: string;
  /** HSA-id of the calling system (original consumer) */
  senderId?: string;
  notify: boolean;
  /** the scheduled send time; the message stays hidden from the citizen until then */
  sendAt?: Date;
}

export type Direction = 'FromCare' | 'FromCitizen';

export interface InboxMessage {
  messageId: string;
  threadId: string;
  subjectOfCareId: string;
  direction: Direction;
  unit: OrganisationUnit;
  purpose: MessagePurpose;
  subject: string;
  text: string;
  links: EServiceLink[];
  attachment: AttachmentLink | null;
  replyAllowed: boolean;
  notificationsSent: NotificationMethod[];
  createdAt: string;
  visibleFrom: string;
  readAt: string | null;
}

export interface InboxUser {
  subjectOfCareId: string;
  active: boolean;
  notificationMethods: NotificationMethod[];
}

interface MessageRow {
  message_id: string;
  thread_id: string;
  subject_of_care_id: string;
  direction: Direction;
  unit_json: string;
  purpose: MessagePurpose;
  subject: string;
  text: string;
  links_json: string;
  attachment_json: string | null;
  reply_allowed: number;
  notifications_json: string;
  created_at: string;
  visible_from: string;
  read_at: string | null;
}

function toMessage(r: MessageRow): InboxMessage {
  return {
    messageId: r.message_id,
    threadId: r.thread_id,
    subjectOfCareId: r.subject_of_care_id,
    direction: r.direction,
    unit: JSON.parse(r.unit_json) as OrganisationUnit,
    purpose: r.purpose,
    subject: r.subject,
    text: r.text,
    links: JSON.parse(r.links_json) as EServiceLink[],
    attachment: r.attachment_json ? (JSON.parse(r.attachment_json) as AttachmentLink) : null,
    replyAllowed: r.reply_allowed === 1,
    notificationsSent: JSON.parse(r.notifications_json) as NotificationMethod[],
    createdAt: r.created_at,
    visibleFrom: r.visible_from,
    readAt: r.read_at,
  };
}

/** What the citizen sees: messages whose send time has come, newest first, and how many are unread. */
export interface CitizenInbox {
  unreadCount: number;
  messages: InboxMessage[];
}

/**
 * The inbox's persisted messages and users. Times are ISO-8601 UTC strings, so SQL compares them as text.
 * Every write is one statement or one transaction: a failed call leaves nothing half-written.
 */
export class InboxStore {
  constructor(
    private readonly db: Db,
    readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {
    migrate(db, 'inbox', INBOX_SCHEMA);
  }

  setUser(user: InboxUser): void {
    this.db
      .prepare(
        `INSERT INTO inbox_user (subject_of_care_id, active, notify_sms, notify_email) VALUES (?, ?, ?, ?)
         ON CONFLICT(subject_of_care_id) DO UPDATE SET active = excluded.active, notify_sms = excluded.notify_sms, notify_email = excluded.notify_email`,
      )
      .run(user.subjectOfCareId, user.active ? 1 : 0, user.notificationMethods.includes('SMS') ? 1 : 0, user.notificationMethods.includes('Email') ? 1 : 0);
  }

  /** A citizen unknown to the inbox is not an active user. */
  user(subjectOfCareId: string): InboxUser {
    const r = this.db.prepare('SELECT active, notify_sms, notify_email FROM inbox_user WHERE subject_of_care_id = ?').get(subjectOfCareId) as
      | { active: number; notify_sms: number; notify_email: number }
      | undefined;
    const methods: NotificationMethod[] = [];
    if (r?.active && r.notify_sms) methods.push('SMS');
    if (r?.active && r.notify_email) methods.push('Email');
    return { subjectOfCareId, active: r?.active === 1, notificationMethods: methods };
  }

  /** Stores a message from care. Refuses inactive citizens and threads of another citizen or unit. */
  add(m: NewMessage): InboxMessage {
    const user = this.user(m.subjectOfCareId);
    if (!user.active) throw new InboxError('INBOX_ERR_NOT_ACTIVE', m.subjectOfCareId);
    return this.db.transaction(() => {
      if (m.threadId !== undefined) {
        const owner = this.db.prepare('SELECT subject_of_care_id, unit_id FROM inbox_message WHERE thread_id = ? LIMIT 1').get(m.threadId) as
          | { subject_of_care_id: string; unit_id: string }
          | undefined;
        if (owner && (owner.subject_of_care_id !== m.subjectOfCareId || owner.unit_id !== m.unit.unitId)) throw new InboxError('INBOX_ERR_THREAD', m.threadId);
      }
      const now = this.now().toISOString();
      const messageId = this.newId();
      const notifications = m.notify ? user.notificationMethods : [];
      this.db
        .prepare(
          `INSERT INTO inbox_message (message_id, thread_id, subject_of_care_id, direction, unit_id, unit_name, unit_json, purpose, subject, text,
             links_json, attachment_json, reply_allowed, contract, source_system, sender_id, notifications_json, created_at, visible_from)
           VALUES (?, ?, ?, 'FromCare', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          messageId,
          m.threadId ?? this.newId(),
          m.subjectOfCareId,
          m.unit.unitId,
          m.unit.unitName,
          JSON.stringify(m.unit),
          m.purpose,
          m.subject,
          m.text,
          JSON.stringify(m.links),
          m.attachment ? JSON.stringify(m.attachment) : null,
          m.replyAllowed ? 1 : 0,
          m.contract,
          m.sourceSystem ?? null,
          m.senderId ?? null,
          JSON.stringify(notifications),
          now,
          m.sendAt ? m.sendAt.toISOString() : now,
        );
      return this.message(messageId)!;
    })();
  }

  private message(messageId: string): InboxMessage | undefined {
    const r = this.db.prepare('SELECT * FROM inbox_message WHERE message_id = ?').get(messageId) as MessageRow | undefined;
    return r ? toMessage(r) : undefined;
  }

  private visible(subjectOfCareId: string, messageId: string): InboxMessage {
    const m = this.message(messageId);
    if (!m || m.subjectOfCareId !== subjectOfCareId || m.visibleFrom > this.now().toISOString()) throw new InboxError('INBOX_ERR_NO_MESSAGE', messageId, subjectOfCareId);
    return m;
  }

  /** The citizen's inbox: only messages whose send time has come. */
  inbox(subjectOfCareId: string): CitizenInbox {
    const rows = this.db
      .prepare('SELECT * FROM inbox_message WHERE subject_of_care_id = ? AND visible_from <= ? ORDER BY visible_from DESC, created_at DESC')
      .all(subjectOfCareId, this.now().toISOString()) as MessageRow[];
    const messages = rows.map(toMessage);
    return { unreadCount: messages.filter((m) => m.direction === 'FromCare' && m.readAt === null).length, messages };
  }

  /** Opens a message: the first reading of a message from care records the read time the sender sees. */
  read(subjectOfCareId: string, messageId: string): InboxMessage {
    const m = this.visible(subjectOfCareId, messageId);
    if (m.direction === 'FromCare' && m.readAt === null) {
      this.db.prepare('UPDATE inbox_message SET read_at = ? WHERE message_id = ? AND read_at IS NULL').run(this.now().toISOString(), messageId);
      return this.message(messageId)!;
    }
    return m;
  }

  /** The citizen's reply, stored in the same thread (only where the sender allowed replies). */
  reply(subjectOfCareId: string, messageId: string, text: string): InboxMessage {
    if (text.trim() === '') throw new InboxError('INBOX_ERR_INVALID', 'the reply text is empty');
    const original = this.visible(subjectOfCareId, messageId);
    if (original.direction !== 'FromCare' || !original.replyAllowed) throw new InboxError('INBOX_ERR_REPLY_NOT_ALLOWED', messageId);
    const now = this.now().toISOString();
    const replyId = this.newId();
    this.db
      .prepare(
        `INSERT INTO inbox_message (message_id, thread_id, subject_of_care_id, direction, unit_id, unit_name, unit_json, purpose, subject, text,
           contract, created_at, visible_from)
         SELECT ?, thread_id, subject_of_care_id, 'FromCitizen', unit_id, unit_name, unit_json, purpose, 'Sv: ' || subject, ?, contract, ?, ?
         FROM inbox_message WHERE message_id = ?`,
      )
      .run(replyId, text, now, now, messageId);
    return this.message(replyId)!;
  }

  /** Every message of a thread, oldest first, for the sending care unit (GetMessageThreadStatus). */
  thread(threadId: string, unitId: string): InboxMessage[] {
    const rows = this.db.prepare('SELECT * FROM inbox_message WHERE thread_id = ? AND unit_id = ? ORDER BY created_at, rowid').all(threadId, unitId) as MessageRow[];
    if (rows.length === 0) throw new InboxError('INBOX_ERR_NO_THREAD', threadId, unitId);
    return rows.map(toMessage);
  }
}
