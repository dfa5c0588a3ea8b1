/** An import refused: the source is missing, unreadable, unsafe or over a limit. Nothing of it was imported. */
export class ContractImportError extends Error {
  readonly code = 'NTJP_ERR_CONTRACT_IMPORT';
}
