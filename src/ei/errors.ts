/**
 * EI error codes and the real EI's texts word for word, its spelling included (docs/ei.md, "Errors"). A message
 * is `"<code>: <text>"`. Codes are never reused.
 */
export type EiErrorCode = 'EI000' | 'EI001' | 'EI002' | 'EI003' | 'EI004' | 'EI005' | 'EI006';

export const EI_ERROR_TEXTS: Readonly<Record<EiErrorCode, string>> = {
  EI000: 'A technical error has occurred, error message: {0}',
  // Never thrown by the real EI (schema validation is off); we use it for payloads we cannot read at all.
  EI001: 'The payload does not follow the XML Schema, error messge: {0}',
  EI002: 'EngagementTransaction #{0} and #{1} have the same key. That is not allowed. See rule for Update-R1 in service contract',
  EI003: 'Invalid routing. Logical address is {0} but the owner is {1}. They must be the same. See rule for Update-R7 in service contract',
  EI004: 'The payload does not validate, error messge: {0}',
  EI005: 'The logicalAddress in EngagementTransaction #{0} is reserved and not allowed, hsa-id: {1}',
  EI006: 'The sourceSystem in EngagementTransaction #{0} is reserved and not allowed, hsa-id: {1}',
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

export class EiError extends Error {
  constructor(readonly eiCode: EiErrorCode, args: Array<string | number> = []) {
    super(`${eiCode}: ${EI_ERROR_TEXTS[eiCode].replace(/\{(\d)\}/g, (_m, i: string) => String(args[Number(i)]))}`);
  }
}
