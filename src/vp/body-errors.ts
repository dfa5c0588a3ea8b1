/** Why a consumer's request could not be read to its end, while its envelope is read or while it streams on. */
export class ConsumerGoneError extends Error {
  readonly code = 'NTJP_ERR_CONSUMER_GONE';
  constructor() {
    super('the consumer closed the connection before sending the whole request');
  }
}

export class BodyTooLargeError extends Error {
  readonly code = 'NTJP_ERR_BODY_TOO_LARGE';
  constructor(readonly limitBytes: number) {
    super(`Request body is larger than the limit of ${limitBytes} bytes`);
  }
}
