/** The format adapters' public API (RIV ↔ SHS, RIV → SSEK). Other components import only this file. */
export { adaptersComponent, adapterHsaId, ADAPTER_PATHS, type AdaptersApi, type AdapterReceipt } from './component.js';
export { adaptersSettings } from './settings.js';
export { PENDING_RECEIPT_HEADER, type Format } from './bridge.js';
export { ADAPTER_FAULTS, type AdapterFaultCode } from './faults.js';
export type { Delivery, DeliveryState } from './delivery-store.js';
// The codecs, for the reference SHS and SSEK receivers (src/services) and tests.
export { decodeShsMessage, encodeShsMessage, xmlPart, type ShsMessage, type DataPart } from './shs/message.js';
export { asRfc822, MimeError } from './shs/mime.js';
export { LabelError, type ShsLabel } from './shs/label.js';
export { managementXml, parseManagement, type Management } from './shs/management.js';
export { listedMessage, messageListXml, parseMessageList, type ListedMessage } from './shs/message-list.js';
export { SHS_ERROR_CODES, SHS_HEADER, type ShsErrorCode } from './shs/errors.js';
export { SSEK_NS, readSsekHeader, SsekHeaderError, type SsekHeader, type SsekIdType } from './ssek/header.js';
export { SSEK_FAULT_CODES, ssekFaultXml, type SsekFaultCode, type WsseFaultCode } from './ssek/faults.js';
export { DEFAULT_SSEK_ALGORITHMS, signedSsekEnvelope, verifySsekSignature, type SigningAlgorithms, type SigningIdentity } from './ssek/ws-security.js';
export { rawPayload } from './riv-payload.js';
