/**
 * The citizen simulator's inbox and certificate verbs: 1177 e-tjänster reads the citizen's inbox through the
 * inbox's portal API and uses Mina intyg's citizen API, both over mutual TLS with the 1177 certificate. (The
 * inbox is part of the portal in the real service, and Mina intyg is Inera's own app: neither read is an
 * NTjP call; the care → inbox and Mina intyg → receiver legs are, see docs/services.md.)
 */
import { request, type Dispatcher } from 'undici';

export interface PortalEndpoints {
  /** base URL of the 1177 inkorg system */
  inboxUrl: string;
  /** base URL of the Mina intyg simulator */
  minaIntygUrl: string;
}

export class PortalCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const b = body as { code?: string; message?: string } | undefined;
    super(`HTTP ${status}${b?.code ? ` ${b.code}` : ''}: ${b?.message ?? JSON.stringify(body)}`);
  }
}

/** A verb called with a wrong name or too few arguments. */
export class PortalUsageError extends Error {}

const CALL_TIMEOUT_MS = 20_000;

export class PortalClient {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly endpoints: PortalEndpoints,
  ) {}

  private async call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<any> {
    const res = await request(url, {
      method,
      dispatcher: this.dispatcher,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: CALL_TIMEOUT_MS,
      bodyTimeout: CALL_TIMEOUT_MS,
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    if (res.statusCode >= 400) throw new PortalCallError(res.statusCode, json);
    return json;
  }

  private inbox(personId: string, rest = ''): string {
    return `${this.endpoints.inboxUrl}/api/citizens/${encodeURIComponent(personId)}${rest}`;
  }

  messages = (personId: string) => this.call('GET', this.inbox(personId, '/messages'));
  unreadCount = (personId: string) => this.call('GET', this.inbox(personId, '/unread-count'));
  /** opening a message marks it read; the sender sees the time with GetMessageThreadStatus */
  read = (personId: string, messageId: string) => this.call('GET', this.inbox(personId, `/messages/${encodeURIComponent(messageId)}`));
  reply = (personId: string, messageId: string, text: string) => this.call('POST', this.inbox(personId, `/messages/${encodeURIComponent(messageId)}/replies`), { text });

  sendCertificate = (personId: string, receiver: string) => this.call('POST', `${this.endpoints.minaIntygUrl}/api/certificates`, { personId, receiver });
  certificates = (personId: string) => this.call('GET', `${this.endpoints.minaIntygUrl}/api/certificates?personId=${encodeURIComponent(personId)}`);
  certificateStatus = (id: string) => this.call('GET', `${this.endpoints.minaIntygUrl}/api/certificates/${encodeURIComponent(id)}`);
  revokeCertificate = (id: string, message?: string) => this.call('POST', `${this.endpoints.minaIntygUrl}/api/certificates/${encodeURIComponent(id)}/revoke`, { message });
}

/** One citizen verb: its argument names (in order), a summary, and what it does with the client. */
export interface PortalVerb {
  name: string;
  args: readonly string[];
  summary: string;
  run(client: PortalClient, args: string[]): Promise<unknown>;
}

/** The inbox and certificate verbs of `ntjp citizen` and `/api/citizen/` (a table, registered by the citizen command/router). */
export const PORTAL_VERBS: readonly PortalVerb[] = [
  { name: 'inbox', args: ['personId'], summary: 'list inbox messages and the unread count', run: (c, [p]) => c.messages(p!) },
  { name: 'unread', args: ['personId'], summary: 'number of unread inbox messages', run: (c, [p]) => c.unreadCount(p!) },
  { name: 'read', args: ['personId', 'messageId'], summary: 'open a message (marks it read; the sender sees it)', run: (c, [p, m]) => c.read(p!, m!) },
  { name: 'reply', args: ['personId', 'messageId', 'text'], summary: 'reply to a message that allows replies', run: (c, [p, m, t]) => c.reply(p!, m!, t!) },
  { name: 'send-certificate', args: ['personId', 'receiver'], summary: 'have Mina intyg send a signed certificate to a receiver', run: (c, [p, r]) => c.sendCertificate(p!, r!) },
  { name: 'certificates', args: ['personId'], summary: 'list sent certificates with their status', run: (c, [p]) => c.certificates(p!) },
  { name: 'certificate-status', args: ['certificateId'], summary: 'follow one sent certificate (received / error + reason / revoked)', run: (c, [id]) => c.certificateStatus(id!) },
  { name: 'revoke-certificate', args: ['certificateId'], summary: 'revoke a sent certificate at its receiver', run: (c, [id]) => c.revokeCertificate(id!) },
];

/** Runs a verb by name, checking the argument count first (a clear error, never a call with missing parts). */
export async function runPortalVerb(client: PortalClient, name: string, args: string[]): Promise<unknown> {
  const verb = PORTAL_VERBS.find((v) => v.name === name);
  if (!verb) throw new PortalUsageError(`unknown verb '${name}'; known: ${PORTAL_VERBS.map((v) => v.name).join(', ')}`);
  if (args.length < verb.args.length) throw new PortalUsageError(`${name} needs ${verb.args.map((a) => `<${a}>`).join(' ')}`);
  return verb.run(client, args);
}
