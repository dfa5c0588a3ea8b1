/** Thrown for wrong arguments: main prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  readonly code = 'NTJP_ERR_USAGE';
}
