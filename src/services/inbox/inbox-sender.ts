/**
 * A care system's side of the 1177 inkorg flow: ask whether the citizen uses the inbox (IsActiveUser 1.0) and
 * put a message there (emulated AddMessage 2), both through the hub over mutual TLS at the inbox's logical
 * address. The booking system sends its confirmations with it; any care system may be given the permissions.
 */
import { callThroughHub, type HubCaller, type SoapAnswer } from '../../shared/soap/client.js';
import { rivRequest } from '../../shared/soap/envelope.js';
import { childText } from '../../shared/xml/tree.js';
import { INBOX_CONTRACTS, INBOX_NS, type MessagePurpose } from './inbox-contracts.js';
import type { ContractCall } from '../reference-system.js';
import { leaf, node } from '../xml-fragment.js';

/** The permissions a care system needs to use the inbox at its logical address: every inbox contract. */
export const inboxSenderCalls = (inboxAddress: string): ContractCall[] => INBOX_CONTRACTS.map((namespace) => ({ namespace, logicalAddress: inboxAddress }));

/** What a care system puts in a citizen's inbox; the inbox keeps it as an `InboxMessage` (inbox-store.ts). */
export interface MessageToSend {
  personId: string;
  careUnit: { hsaId: string; name: string };
  purpose: MessagePurpose;
  subject: string;
  text: string;
  replyAllowed?: boolean;
  /** the sending system's HSA-id */
  sourceSystem: string;
}

export interface InboxReceipt {
  resultCode: string;
  resultText?: string;
  messageId?: string;
}

export const isActiveUserPayload = (personId: string): string => `<IsActiveUser xmlns="${INBOX_NS.isActiveUser}">${leaf('subjectOfCareId', personId)}</IsActiveUser>`;

/** AddMessage 2 (emulated schema, wsdl/patientportal-emulated), fields in schema order. */
export function addMessagePayload(m: MessageToSend): string {
  return (
    `<AddMessage xmlns="${INBOX_NS.addMessage}">` +
    leaf('subjectOfCareId', m.personId) +
    node('careUnit', leaf('unitId', m.careUnit.hsaId), leaf('unitName', m.careUnit.name)) +
    leaf('purpose', m.purpose) +
    leaf('subject', m.subject) +
    leaf('messageText', m.text) +
    leaf('replyAllowed', m.replyAllowed) +
    leaf('notify', true) +
    leaf('sourceSystem', m.sourceSystem) +
    '</AddMessage>'
  );
}

const CALL_TIMEOUT_MS = 10_000;

export class InboxSenderError extends Error {
  readonly code = 'NTJP_ERR_INBOX_SEND';
}

export class InboxSender {
  constructor(
    private readonly hub: HubCaller,
    private readonly inboxAddress: string,
    /** sees every request envelope and its answer (tests validate them against the schemas) */
    private readonly observe: (request: string, answer: SoapAnswer) => void = () => undefined,
  ) {}

  private async call(payload: string): Promise<SoapAnswer> {
    const request = rivRequest(this.inboxAddress, payload);
    const answer = await callThroughHub(this.hub, request, { timeoutMs: CALL_TIMEOUT_MS });
    this.observe(request, answer);
    const fault = answer.envelope?.fault;
    if (fault || answer.status !== 200 || !answer.envelope?.payload) throw new InboxSenderError(`inbox call answered HTTP ${answer.status}${fault ? `: ${fault.string}` : ''}`);
    return answer;
  }

  async isActiveUser(personId: string): Promise<boolean> {
    return childText((await this.call(isActiveUserPayload(personId))).envelope!.payload, 'status')?.trim() === 'true';
  }

  async addMessage(m: MessageToSend): Promise<InboxReceipt> {
    const p = (await this.call(addMessagePayload(m))).envelope!.payload;
    return { resultCode: childText(p, 'resultCode')?.trim() ?? '', resultText: childText(p, 'resultText'), messageId: childText(p, 'messageId') };
  }
}
