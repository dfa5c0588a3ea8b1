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

  private async call(logicalAddress: string, payload: string): Promise<Receipt> {
    const request = rivRequest(logicalAddress, payload);
    try {
      const answer = await callThroughHub(this.hub, request, { timeoutMs: CALL_TIMEOUT_MS });
      this.observe(request, answer);
      return readReceipt(answer);
    } catch (e) {
      return { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: `The hub could not be reached: ${(e as Error).message}` };
    }
  }

  async send(person: TestPerson, receiver: string): Promise<SentCertificate> {
    const id = randomUUID();
    const cert = demoCertificate(person, this.store.now(), id);
    const signed = signIntyg(intygXml(cert), this.signer);
    this.store.start({ id, idRoot: cert.id.root, personId: person.personId, typeCode: cert.type.code, receiver });
    const receipt = await this.call(receiver, registerCertificateXml(signed));
    return this.store.record(id, receipt.resultCode === 'ERROR' ? 'error' : 'received', receipt);
  }

  /** Revokes a received certificate at the same receiver (RevokeCertificate 2). Undefined when unknown. */
  async revoke(id: string, message?: string): Promise<SentCertificate | undefined> {
    const sent = this.store.get(id);
    if (!sent) return undefined;
    const payload = revokeCertificateXml({ certificateId: { root: sent.idRoot, extension: sent.id }, personId: sent.personId, sentAt: this.store.now(), revokedBy: DEMO_DOCTOR, message });
    const receipt = await this.call(sent.receiver, payload);
    const status: SendStatus = receipt.resultCode === 'ERROR' ? 'revoke-failed' : 'revoked';
    return this.store.record(id, status, receipt);
  }
}
