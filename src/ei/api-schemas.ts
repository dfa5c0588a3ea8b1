/** The EI REST API's schemas; the engagement's fields and their lengths come from the field table. */
import { Type, type TSchema } from '@sinclair/typebox';
import { FIELDS, FIND_FIELDS } from './fields.js';

const fieldSchema = (name: string): TSchema => Type.String({ maxLength: FIELDS.find((f) => f.name === name)?.maxLength });

/** An engagement as stored: the fields `never` mandatory, and `owner`, may be absent. */
export const Engagement = Type.Object(
  Object.fromEntries(FIELDS.map((f) => [f.name, f.mandatory === 'always' ? fieldSchema(f.name) : Type.Optional(fieldSchema(f.name))])),
);

const MANDATORY_IN_FIND = new Set(['registeredResidentIdentification', 'serviceDomain']);

/** FindContent's fields as query parameters: the person and the service domain are mandatory. */
export const FindQuery = Type.Object(
  Object.fromEntries(FIND_FIELDS.map((name) => [name, MANDATORY_IN_FIND.has(name) ? Type.String({ minLength: 1 }) : Type.Optional(Type.String())])),
);

const WriteLock = { writeLock: Type.Boolean(), heldRequests: Type.Integer({ description: 'requests held until the lock is lifted' }) };
export const WriteLockStatus = Type.Object(WriteLock);
export const WriteLockChange = Type.Object({ ...WriteLock, applied: Type.Integer({ description: 'held requests applied by lifting the lock' }) });

const Filter = Type.Object({ serviceDomain: Type.String(), categorizations: Type.Array(Type.String()) });

export const EiStats = Type.Object({
  engagements: Type.Integer(),
  counts: Type.Array(Type.Object({ serviceDomain: Type.String(), sourceSystem: Type.String(), engagements: Type.Integer() })),
  subscribers: Type.Array(Type.Object({ logicalAddress: Type.String(), filters: Type.Array(Filter) })),
  outbox: Type.Array(Type.Object({ subscriber: Type.String(), pending: Type.Integer(), dead: Type.Integer() })),
  ...WriteLock,
});

const Millis = Type.Integer({ description: 'milliseconds since 1970' });

export const DeadLetter = Type.Object({
  id: Type.Integer(),
  subscriber: Type.String(),
  payload: Type.String({ description: 'the ProcessNotification request' }),
  correlationId: Type.String(),
  transactions: Type.Integer(),
  createdAt: Millis,
  attempts: Type.Integer(),
  nextAttemptAt: Millis,
  lastError: Type.Union([Type.String(), Type.Null()]),
  deadAt: Type.Union([Millis, Type.Null()]),
  leaseOwner: Type.Union([Type.String(), Type.Null()], { description: 'the notifier sending it now' }),
  leaseUntil: Type.Union([Millis, Type.Null()], { description: 'until when that notifier holds it' }),
});
