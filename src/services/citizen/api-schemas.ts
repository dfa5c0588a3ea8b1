/** The citizen simulator's REST schemas: what each verb takes and answers (inbox and Mina intyg answers are relayed). */
import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../platform/api/schemas.js';

const Text = Type.String();
const Needed = Type.String({ minLength: 1 });
const Actor = Type.Optional(Type.String({ description: 'who acts for the person (default the person)' }));

const Sources = Type.Array(Type.Object({ logicalAddress: Text, statusCode: Text }), { description: "each source's ProcessingStatus" });
const Slot = Type.Object({
  bookingId: Type.Optional(Text),
  start: Type.String({ description: 'yyyyMMddHHmmss' }),
  careUnit: Text,
  careUnitName: Type.Optional(Text),
  performerName: Type.Optional(Text),
  reason: Type.Optional(Text),
});
const Result = { resultCode: StringEnum(['OK', 'INFO', 'ERROR']), resultText: Type.Optional(Text) };

export const CITIZEN_SCHEMAS = {
  journalQuery: Type.Object({ contract: Type.Optional(Type.String({ description: 'a journal contract (default GetCareDocumentation)' })) }),
  journal: Type.Object({ entries: Type.Array(Type.Object({ contract: Text, date: Text, title: Text, careUnit: Text, sourceSystem: Text })), sources: Sources }),
  actorQuery: Type.Object({ actor: Actor }),
  bookings: Type.Object({ bookings: Type.Array(Slot), sources: Sources }),
  freeSlotsQuery: Type.Object({ careUnit: Needed, from: Type.Optional(Type.String({ description: 'yyyyMMdd' })), to: Type.Optional(Type.String({ description: 'yyyyMMdd' })) }),
  freeSlots: Type.Array(Slot),
  book: Type.Object({ careUnit: Needed, start: Needed, firstName: Needed, lastName: Needed, reason: Type.Optional(Text), actor: Actor }),
  booked: Type.Object({ ...Result, bookingId: Type.Optional(Text) }),
  rebook: Type.Object({ careUnit: Needed, start: Needed, actor: Actor }),
  cancel: Type.Object({ careUnit: Needed, actor: Actor }),
  result: Type.Object(Result),
};

const Message = Type.Object({ messageId: Text, threadId: Text, subject: Text, text: Text, direction: StringEnum(['FromCare', 'FromCitizen']), replyAllowed: Type.Boolean(), readAt: Nullable(Text) });

const Certificate = Type.Object({
  id: Text,
  personId: Text,
  receiver: Text,
  status: StringEnum(['sending', 'sent', 'received', 'error', 'revoke-sent', 'revoked', 'revoke-failed']),
  resultCode: Nullable(Text),
  resultText: Nullable(Text),
  sentAt: Text,
});

export const PORTAL_SCHEMAS = {
  inbox: Type.Object({ unreadCount: Type.Integer(), messages: Type.Array(Message) }),
  unread: Type.Object({ unreadCount: Type.Integer() }),
  message: Message,
  reply: Type.Object({ text: Needed }),
  send: Type.Object({ receiver: Needed }),
  certificate: Certificate,
  certificates: Type.Object({ certificates: Type.Array(Certificate) }),
};
