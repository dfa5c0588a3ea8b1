/**
 * Coded errors in one shape, after fastify's `lib/errors.js`: a component keeps one table, code → `{ text, … }`,
 * where each `%s` of `text` takes the next argument (a missing one reads as empty) and the other fields say
 * what the code maps to (an HTTP status, a SOAP faultcode). `createError(table)` makes the component's error
 * class: `new TakError('TAK_ERR_NOT_FOUND', 'No contract 7')` carries the code and the filled-in text.
 * Codes are identifiers and never reused.
 */
export interface CodedText {
  /** the message; each `%s` takes the next argument */
  readonly text: string;
}

export type ErrorArgument = string | number;

/** `number` for a table whose rows give an HTTP status (a REST API's errors), else `undefined`. */
type StatusOf<Row> = Row extends { readonly status: number } ? number : undefined;

/** The template with each `%s` replaced by the next argument, in order. */
export function fillText(template: string, args: readonly ErrorArgument[]): string {
  let i = 0;
  return template.replace(/%s/g, () => String(args[i++] ?? ''));
}

/** The error class of one code table: `code` is the code, `row` its row of the table, the message its filled-in text. */
export function createError<Code extends string, Row extends CodedText>(table: Readonly<Record<Code, Row>>) {
  return class CodedError extends Error {
    constructor(
      readonly code: Code,
      ...args: ErrorArgument[]
    ) {
      super(fillText(table[code].text, args));
    }

    get row(): Row {
      return table[this.code];
    }

    /** the HTTP status the table gives the code */
    get status(): StatusOf<Row> {
      return (table[this.code] as { status?: number }).status as StatusOf<Row>;
    }
  };
}
