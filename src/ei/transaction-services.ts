import { faultReply, type SoapHandler, type SoapReply } from '../platform/soap-server.js';
import { soapEnvelope } from '../shared/soap/envelope.js';
import { HEADER } from '../shared/soap/namespaces.js';
import { EI_NS } from './namespaces.js';
import { DETAIL, EiError } from './errors.js';
import { readTransactions } from './read-transactions.js';
import { validateTransactions, type ValidationRules } from './validate-transactions.js';
import { resultXml } from './engagement-xml.js';
import type { TransactionKind } from './store.js';
import type { Ingest } from './ingest.js';

/** Update and ProcessNotification: same shape, different rules (docs/ei.md, "Storage"). */
export const TRANSACTION_SERVICES = [
  { path: '/ei/update', kind: 'update', ns: EI_NS.update, request: 'Update', response: 'UpdateResponse' },
  { path: '/ei/process-notification', kind: 'notification', ns: EI_NS.processNotification, request: 'ProcessNotification', response: 'ProcessNotificationResponse' },
] as const satisfies ReadonlyArray<{ path: string; kind: TransactionKind; ns: string; request: string; response: string }>;

export type TransactionService = (typeof TRANSACTION_SERVICES)[number];

export interface ServiceOptions {
  ownHsaIds: readonly string[];
  reservedHsaIds: ReadonlySet<string>;
  faultOnValidationError: boolean;
}

/** The answer to an EI error: a fault (current EI) or ResultCode ERROR + comment (the Mule EI, SKLTP-1196). */
export function eiErrorReply(e: EiError, faultOnValidationError: boolean, ok: (comment: string) => SoapReply): SoapReply {
  return faultOnValidationError ? faultReply('Client', e.message) : ok(e.message);
}

/** The mandatory correlation id header. */
export function missingCorrelationId(headers: Record<string, string | string[] | undefined>): SoapReply | undefined {
  return headers[HEADER.correlationId] ? undefined : faultReply('Client', DETAIL.noCorrelationId);
}

export function transactionHandler(service: TransactionService, ingest: Ingest, o: ServiceOptions): SoapHandler {
  const rules: ValidationRules = { kind: service.kind, ownHsaIds: o.ownHsaIds, reservedHsaIds: o.reservedHsaIds };
  const answer = (code: 'OK' | 'ERROR', comment?: string): SoapReply => ({ body: soapEnvelope(resultXml(service.ns, service.response, code, comment)) });
  return async (call) => {
    const refused = missingCorrelationId(call.headers);
    if (refused) return refused;
    try {
      const transactions = await readTransactions(call.payload, service.ns, service.request);
      // R6: on Update the owner is always this EI, also for the duplicate check (R1) on stored keys.
      if (service.kind === 'update') for (const t of transactions) t.engagement.owner = o.ownHsaIds[0];
      const keys = await validateTransactions(transactions, call.envelope.logicalAddress, rules);
      await ingest.accept(service.kind, transactions.map((t, i) => ({ ...t, key: keys[i]! })), call.correlationId);
      return answer('OK');
    } catch (e) {
      if (e instanceof EiError) return eiErrorReply(e, o.faultOnValidationError, (comment) => answer('ERROR', comment));
      throw e;
    }
  };
}
