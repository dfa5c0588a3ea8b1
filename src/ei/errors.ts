import { createError, type CodedText, type ErrorArgument } from '../shared/coded-error.js';

/**
 * EI error codes and the real EI's texts word for word, its spelling included (docs/ei.md, "Errors"); each
 * `%s` stands where the real EI's template has `{0}`, `{1}`, which it fills in that order. A message is
 * `"<code>: <text>"`. Codes are never reused.
 */
export type EiErrorCode = 'EI000' | 'EI001' | 'EI002' | 'EI003' | 'EI004' | 'EI005' | 'EI006';

export const EI_ERRORS: Readonly<Record<EiErrorCode, CodedText>> = {
  EI000: { text: 'A technical error has occurred, error message: %s' },
  // Never thrown by the real EI (schema validation is off); we use it for payloads we cannot read at all.
  EI001: { text: 'The payload does not follow the XML Schema, error messge: %s' },
  EI002: { text: 'EngagementTransaction #%s and #%s have the same key. That is not allowed. See rule for Update-R1 in service contract' },
  EI003: { text: 'Invalid routing. Logical address is %s but the owner is %s. They must be the same. See rule for Update-R7 in service contract' },
  EI004: { text: 'The payload does not validate, error messge: %s' },
  EI005: { text: 'The logicalAddress in EngagementTransaction #%s is reserved and not allowed, hsa-id: %s' },
  EI006: { text: 'The sourceSystem in EngagementTransaction #%s is reserved and not allowed, hsa-id: %s' },
};

/** EI000 and EI004 detail texts. */
export const DETAIL = {
  tooMany: 'The request contains more than 1000 engagements. Maximum number of engagements per request is 1000.',
  none: 'The request contains less than 1 engagements. Minium number of engagements per request is 1.',
  missing: (field: string) => `mandatory field "${field}" is missing`,
  whitespace: (field: string) => `mandatory field "${field}" contains white space in beginning or end`,
  tooLong: (field: string) => `Field "${field}" is to long`,
  badDate: (field: string, value: string) => `Field "${field}": Input date is not according to expected format "YYYYMMDDhhmmss": ${value}`,
  mandatoryMissing: (field: string) => `${field} is mandatory but missing`,
  // The real EI's text ends in a newline, which its fault keeps.
  noCorrelationId: 'Mandatory HTTP header x-skltp-correlation-id is missing\n',
} as const;

export class EiError extends createError(EI_ERRORS) {
  constructor(code: EiErrorCode, args: readonly ErrorArgument[] = []) {
    super(code, ...args);
    this.message = `${code}: ${this.message}`;
  }
}
