import { createError } from '../shared/coded-error.js';

/**
 * Catalogue error codes: each code has one HTTP status and one message template; codes are never reused.
 * `problems` lists every row-level problem found (orders report all at once).
 */
const TAK_ERRORS = {
  TAK_ERR_VALIDATION: { status: 400, text: 'The change is invalid: %s' },
  TAK_ERR_BAD_INPUT: { status: 400, text: 'Malformed input: %s' },
  TAK_ERR_NOT_FOUND: { status: 404, text: '%s' },
  TAK_ERR_NOTHING_TO_PUBLISH: { status: 409, text: 'There are no pending changes to publish.' },
  TAK_ERR_CONFLICT: { status: 409, text: 'The catalogue was changed by someone else meanwhile (%s); nothing was written, try again.' },
  TAK_ERR_PENDING_CHANGES: { status: 409, text: 'There are %s pending changes; publish them first (rollback would lose them).' },
  TAK_ERR_NO_VERSION: { status: 409, text: '%s' },
  TAK_ERR_INTERNAL: { status: 500, text: '%s' },
} as const;

export type TakErrorCode = keyof typeof TAK_ERRORS;

/** The code of a REST request whose path, query or body does not match its route (answered `{code, message}`). */
export const TAK_BAD_REQUEST: TakErrorCode = 'TAK_ERR_BAD_INPUT';

export class TakError extends createError(TAK_ERRORS) {
  constructor(code: TakErrorCode, arg: string = '', readonly problems: string[] = []) {
    super(code, arg);
  }
}

/** Throws TAK_ERR_VALIDATION naming every problem when there is any. */
export function rejectIfProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; … (${problems.length} problems)` : '');
  throw new TakError('TAK_ERR_VALIDATION', shown, problems);
}
