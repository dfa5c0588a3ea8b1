import { child, type XmlElement } from '../../shared/xml/tree.js';
import { soapEnvelope } from '../../shared/soap/envelope.js';
import { HEADER } from '../../shared/soap/namespaces.js';
import { faultReply, type SoapCall, type SoapHandler } from '../../platform/soap-server.js';
import { leaf } from '../xml-fragment.js';
import { contractPath } from '../reference-system.js';
import { INBOX_NS } from './inbox-contracts.js';
import { InboxError } from './inbox-errors.js';
import type { InboxMessage, InboxStore } from './inbox-store.js';
import * as read from './inbox-request.js';

/** Turns a request payload into the response payload's children (in schema order). */
type Interaction = (payload: XmlElement, store: InboxStore, senderId: string | undefined) => string;

interface ContractSpec {
  namespace: string;
  request: string;
  interaction: Interaction;
  /** whether the response carries resultCode/resultText (IsActiveUser 1.0 has none) */
  hasResult: boolean;
}

const notifications = (m: InboxMessage): string => m.notificationsSent.map((n) => leaf('notificationSent', n)).join('');

function addMessageV1(payload: XmlElement, store: InboxStore, senderId: string | undefined): string {
  const message = child(payload, 'message');
  if (!message) throw new InboxError('INBOX_ERR_INVALID', 'message is required');
  const text = read.required(message, 'messageText');
  const m = store.add({
    subjectOfCareId: read.subjectOfCareId(payload),
    unit: read.organisationUnit(message, 'organisationUnit'),
    threadId: read.optional(message, 'messageThreadId'),
    purpose: 'INFORMATION',
    subject: read.optional(message, 'messageDescription') ?? text.slice(0, 80),
    text,
    links: read.ssoLink(message),
    replyAllowed: false,
    contract: INBOX_NS.addMessageToPatientPortalInbox,
    sourceSystem: read.optional(payload, 'sourceSystem'),
    senderId,
    notify: read.flag(payload, 'notify'),
  });
  return leaf('messageThreadId', m.threadId) + notifications(m) + leaf('resultCode', 'OK');
}

function isActiveUser(payload: XmlElement, store: InboxStore): string {
  const user = store.user(read.subjectOfCareId(payload));
  return leaf('status', user.active) + user.notificationMethods.map((n) => leaf('activeNotificationMethods', n)).join('');
}

function addMessageV2(payload: XmlElement, store: InboxStore, senderId: string | undefined): string {
  const m = store.add({
    subjectOfCareId: read.subjectOfCareId(payload),
    unit: read.organisationUnit(payload, 'careUnit'),
    threadId: read.optional(payload, 'messageThreadId'),
    purpose: read.purpose(payload, 'purpose'),
    subject: read.required(payload, 'subject'),
    text: read.required(payload, 'messageText'),
    sendAt: read.dateTime(payload, 'scheduledSendTime'),
    links: read.eServiceLinks(payload, 'eServiceLink'),
    attachment: read.attachmentLink(payload, 'attachmentLink'),
    replyAllowed: read.flag(payload, 'replyAllowed'),
    contract: INBOX_NS.addMessage,
    sourceSystem: read.optional(payload, 'sourceSystem'),
    senderId,
    notify: read.flag(payload, 'notify'),
  });
  return leaf('messageId', m.messageId) + leaf('messageThreadId', m.threadId) + notifications(m) + leaf('resultCode', 'OK');
}

/** Status of one message as the sender sees it (emulated MessageStatusType). */
export function messageStatus(m: InboxMessage, now: Date): 'Scheduled' | 'Delivered' | 'Read' {
  if (m.visibleFrom > now.toISOString()) return 'Scheduled';
  return m.readAt ? 'Read' : 'Delivered';
}

function threadStatus(payload: XmlElement, store: InboxStore): string {
  const messages = store.thread(read.required(payload, 'messageThreadId'), read.required(payload, 'careUnitId'));
  const now = store.now();
  const entries = messages.map(
    (m) =>
      `<message>${leaf('messageId', m.messageId)}${leaf('direction', m.direction)}${leaf('purpose', m.purpose)}${leaf('subject', m.subject)}` +
      `${leaf('createdTime', m.createdAt)}${leaf('sendTime', m.visibleFrom)}${leaf('status', messageStatus(m, now))}` +
      `${leaf('readTime', m.readAt ?? undefined)}${leaf('replyText', m.direction === 'FromCitizen' ? m.text : undefined)}</message>`,
  );
  return leaf('subjectOfCareId', messages[0]!.subjectOfCareId) + entries.join('') + leaf('resultCode', 'OK');
}

const CONTRACTS: readonly ContractSpec[] = [
  { namespace: INBOX_NS.addMessageToPatientPortalInbox, request: 'AddMessageToPatientPortalInbox', interaction: addMessageV1, hasResult: true },
  { namespace: INBOX_NS.isActiveUser, request: 'IsActiveUser', interaction: isActiveUser, hasResult: false },
  { namespace: INBOX_NS.addMessage, request: 'AddMessage', interaction: addMessageV2, hasResult: true },
  { namespace: INBOX_NS.getMessageThreadStatus, request: 'GetMessageThreadStatus', interaction: threadStatus, hasResult: true },
];

function response(spec: ContractSpec, inner: string): string {
  return soapEnvelope(`<${spec.request}Response xmlns="${spec.namespace}">${inner}</${spec.request}Response>`);
}

/**
 * Malformed requests are SOAP Client faults (RIV-TA: technical errors are faults); logical refusals (citizen
 * not active, someone else's thread) are `resultCode` ERROR with a text for the sender.
 */
function handlerFor(spec: ContractSpec, store: InboxStore): SoapHandler {
  return async (call: SoapCall) => {
    if (call.payload.ns !== spec.namespace || call.payload.name !== spec.request) {
      return faultReply('Client', `Expected {${spec.namespace}}${spec.request} at this address, got {${call.payload.ns}}${call.payload.name}`);
    }
    const senderId = (call.headers[HEADER.originalConsumer] as string | undefined) ?? call.senderId;
    try {
      return { body: response(spec, spec.interaction(call.payload, store, senderId)) };
    } catch (e) {
      if (!(e instanceof InboxError)) throw e;
      if (e.code === 'INBOX_ERR_INVALID' || !spec.hasResult) return faultReply('Client', e.message);
      return { body: response(spec, leaf('resultCode', 'ERROR') + leaf('resultText', e.message)) };
    }
  };
}

/** The inbox's SOAP handlers by producer path (RIV-TA BP 2.1 rule #19). */
export function inboxHandlers(store: InboxStore): Map<string, SoapHandler> {
  return new Map(CONTRACTS.map((spec) => [contractPath(spec.namespace), handlerFor(spec, store)]));
}
