/**
 * SHS error codes as the receive service answers them (HTTP 400 with `X-shs-errorcode`) and as management
 * `error` messages carry them: the codes implemented by Inera's AXEL SHS broker (docs/adapters.md).
 */
export const SHS_ERROR_CODES = [
  'IllegalDatapartContent', 'IllegalEndRecipient', 'IllegalMessageStructure', 'IllegalOriginator', 'IllegalProductType',
  'IllegalReceiver', 'IllegalSender', 'MissingAgreement', 'MissingDeliveryAddress', 'MissingDeliveryExecution',
  'OtherError', 'UnknownProductType', 'UnknownReceiver', 'UnknownSender', 'UnresolvedReceiver',
] as const;

export type ShsErrorCode = (typeof SHS_ERROR_CODES)[number];

/** The `X-shs-*` headers of the receive service (lower-case, as node:http hands them over). */
export const SHS_HEADER = {
  errorCode: 'x-shs-errorcode',
  txId: 'x-shs-txid',
  corrId: 'x-shs-corrid',
  contentId: 'x-shs-contentid',
  nodeId: 'x-shs-nodeid',
  localId: 'x-shs-localid',
  arrivalDate: 'x-shs-arrivaldate',
  duplicate: 'x-shs-duplicatemsg',
} as const;
