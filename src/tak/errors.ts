/**
 * Catalogue error codes (style anchors, fastify 4): each code has one HTTP status and one message template;
 * codes are never reused. `problems` lists every row-level problem found (orders report all at once).
 */
const CODES = {
  TAK_ERR_VALIDATION: { status: 400, message: 'The change is invalid: %s' },
  TAK_ERR_BAD_INPUT: { status: 400, message: 'Malformed input: %s' },
  TAK_ERR_NOT_FOUND: { status: 404, message: '%s' },
  TAK_ERR_NOTHING_TO_PUBLISH: { status: 409, message: 'There are no pending changes to publish.' },
  TAK_ERR_CONFLICT: { status: 409, message: 'The catalogue was changed by someone else meanwhile (%s); nothing was written, try again.' },
  TAK_ERR_PENDING_CHANGES: { status: 409, message: 'There are %s pending changes; publish them first (rollback would lose them).' },
  TAK_ERR_NO_VERSION: { status: 409, message: '%s' },
  TAK_ERR_INTERNAL: { status: 500, message: '%s' },
} as const;

export type TakErrorCode = keyof typeof CODES;

export class TakError extends Error {
  readonly status: number;
  constructor(readonly code: TakErrorCode, arg: string = '', readonly problems: string[] = []) {
    super(CODES[code].message.replace('%s', arg));
    this.status = CODES[code].status;
  }
}

/** Throws TAK_ERR_VALIDATION naming every problem when there is any. */
export function rejectIfProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; … (${problems.length} problems)` : '');
  throw new TakError('TAK_ERR_VALIDATION', shown, problems);
}
