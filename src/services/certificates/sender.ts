import { randomUUID } from 'node:crypto';
import { callThroughHub, type HubCaller, type SoapAnswer } from '../../shared/soap/client.js';
import { rivRequest } from '../../shared/soap/envelope.js';
import { child, childText } from '../../shared/xml/tree.js';
import type { TestPerson } from '../test-persons.js';
import { type ErrorId, type Receipt, type ResultCode } from './certificate-contracts.js';
import { intygXml, registerCertificateXml, revokeCertificateXml } from './certificate-xml.js';
import { signIntyg, type Signer } from './certificate-signature.js';
import { DEMO_DOCTOR, demoCertificate } from './demo-certificate.js';
import type { SenderStore, SendStatus, SentCertificate } from './sender-store.js';
import type { AdapterReceipt } from '../reference-system.js';

/** Set by the platform's SHS adapter on an asynchronous answer: the receiver's receipt follows (docs/adapters.md). */
const PENDING_RECEIPT_HEADER = 'x-ntjp-adapter-receipt';

/** Where a pending call goes once the receiver's receipt is in: [confirmed, error]. */
const AFTER_RECEIPT: Partial<Record<SendStatus, [SendStatus, SendStatus]>> = { sent: ['received', 'error'], 'revoke-sent': ['revoked', 'revoke-failed'] };

const CALL_TIMEOUT_MS = 15_000;
const RESULT_CODES: readonly string[] = ['OK', 'INFO', 'ERROR'];

/** The receipt in an answer; a fault or a non-SOAP answer becomes an ERROR receipt saying what happened. */
export function readReceipt(answer: SoapAnswer): Receipt {
  const env = answer.envelope;
  if (env?.fault) return { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: `SOAP fault ${env.fault.code}: ${env.fault.string}` };
  const result = child(env?.payload, 'result');
  const code = childText(result, 'resultCode')?.trim();
  if (!code || !RESULT_CODES.includes(code)) return { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: `No receipt in the answer (HTTP ${answer.status})` };
  const receipt: Receipt = { resultCode: code as ResultCode };
  const text = childText(result, 'resultText');
  const errorId = childText(result, 'errorId')?.trim();
  if (text !== undefined) receipt.resultText = text;
  if (errorId) receipt.errorId = errorId as ErrorId;
  return receipt;
}

/**
 * The Mina intyg / Intygstjänsten simulator: issues a signed certificate for a citizen, sends it with
 * RegisterCertificate 3 to the receiver's logical address through the hub, and keeps each receipt.
 */
export class CertificateSender {
  constructor(
    private readonly store: SenderStore,
    private readonly hub: HubCaller,
    private readonly signer: Signer,
    /** sees every request envelope and its answer (tests validate them against the XSDs) */
    private readonly observe: (request: string, answer: SoapAnswer) => void = () => undefined,
  ) {}

  /** Receipts that came before the answer they complete was recorded, by correlation id (a fast receiver). */
  private readonly early = new Map<string, AdapterReceipt>();

  private async call(id: string, logicalAddress: string, payload: string): Promise<{ receipt: Receipt; pending: boolean }> {
    const request = rivRequest(logicalAddress, payload);
    const correlationId = randomUUID();
    this.store.correlate(id, correlationId);
    try {
      const answer = await callThroughHub(this.hub, request, { timeoutMs: CALL_TIMEOUT_MS, correlationId });
      this.observe(request, answer);
      return { receipt: readReceipt(answer), pending: answer.headers[PENDING_RECEIPT_HEADER] === 'pending' };
    } catch (e) {
      return { receipt: { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: `The hub could not be reached: ${(e as Error).message}` }, pending: false };
    }
  }

  /** Records an answer; a pending one waits for its receipt, unless that came first. */
  private settle(id: string, answer: { receipt: Receipt; pending: boolean }, done: SendStatus, failed: SendStatus, waiting: SendStatus): SentCertificate {
    const { receipt, pending } = answer;
    if (receipt.resultCode === 'ERROR') return this.store.record(id, failed, receipt);
    if (!pending) return this.store.record(id, done, receipt);
    const sent = this.store.record(id, waiting, receipt);
    const early = this.early.get(this.store.get(id)!.correlationId ?? '');
    if (early) {
      this.early.delete(early.correlationId);
      return this.applyReceipt(early) ?? sent;
    }
    return sent;
  }

  /** The receiver's receipt for a pending call (SHS confirm or error), by the call's correlation id. */
  applyReceipt(r: AdapterReceipt): SentCertificate | undefined {
    const sent = this.store.byCorrelation(r.correlationId);
    if (!sent) return undefined;
    const next = AFTER_RECEIPT[sent.status];
    if (!next) {
      if (sent.status === 'sending') this.early.set(r.correlationId, r);
      return undefined;
    }
    const receipt: Receipt = r.outcome === 'confirmed'
      ? { resultCode: 'OK', resultText: 'The receiver confirmed receipt' }
      : { resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: `The receiver refused: ${r.reason ?? 'no reason given'}` };
    return this.store.record(sent.id, next[r.outcome === 'confirmed' ? 0 : 1], receipt);
  }

  async send(person: TestPerson, receiver: string): Promise<SentCertificate> {
    const id = randomUUID();
    const cert = demoCertificate(person, this.store.now(), id);
    const signed = signIntyg(intygXml(cert), this.signer);
    this.store.start({ id, idRoot: cert.id.root, personId: person.personId, typeCode: cert.type.code, receiver });
    return this.settle(id, await this.call(id, receiver, registerCertificateXml(signed)), 'received', 'error', 'sent');
  }

  /** Revokes a received certificate at the same receiver (RevokeCertificate 2). Undefined when unknown. */
  async revoke(id: string, message?: string): Promise<SentCertificate | undefined> {
    const sent = this.store.get(id);
    if (!sent) return undefined;
    const payload = revokeCertificateXml({ certificateId: { root: sent.idRoot, extension: sent.id }, personId: sent.personId, sentAt: this.store.now(), revokedBy: DEMO_DOCTOR, message });
    return this.settle(id, await this.call(id, sent.receiver, payload), 'revoked', 'revoke-failed', 'revoke-sent');
  }
}
