import { createError } from '../../shared/coded-error.js';

/** Logical errors of the reference inbox: a code, the HTTP status of the citizen API and a text template. */
export const INBOX_ERRORS = {
  INBOX_ERR_INVALID: { status: 400, text: 'Invalid request: %s' },
  INBOX_ERR_NOT_ACTIVE: { status: 409, text: 'The citizen %s is not an active user of the 1177 e-services inbox' },
  INBOX_ERR_THREAD: { status: 409, text: 'Message thread %s belongs to another citizen or care unit' },
  INBOX_ERR_NO_MESSAGE: { status: 404, text: 'No message %s in the inbox of %s' },
  INBOX_ERR_NO_THREAD: { status: 404, text: 'No message thread %s for care unit %s' },
  INBOX_ERR_REPLY_NOT_ALLOWED: { status: 409, text: 'Message %s does not accept replies' },
} as const;

export type InboxErrorCode = keyof typeof INBOX_ERRORS;

export class InboxError extends createError(INBOX_ERRORS) {}
