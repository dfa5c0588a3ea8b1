import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { referenceDir, validatePayloadXml } from '../support/riv-reference.js';
import { inboxSystem } from '../../src/services/inbox/inbox-system.js';
import { INBOX_CONTRACTS, INBOX_NS } from '../../src/services/inbox/inbox-contracts.js';
import type { RunningReferenceSystem } from '../../src/services/reference-system.js';
import { silentLogger } from '../../src/shared/log.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { callThroughHub, type SoapAnswer } from '../../src/shared/soap/client.js';
import { childText, children } from '../../src/shared/xml/tree.js';
import { routeOrder } from './support/route-order.js';
import { tlsClient, type TlsClient } from './support/tls-client.js';
import { validateEmulatedXml } from './support/emulated-schemas.js';
import { PortalClient, runPortalVerb } from '../../src/services/citizen/portal-client.js';

const INBOX = 'SE5565594230-INK1';
const CARE_SYSTEM = 'SE2321000016-J001';
const PORTAL = 'SE2321000016-1177';
const TOLVAN = '191212121212';

describe('1177 inkorg through the hub over mutual TLS: send → active user → read status', function () {
  let tp: TestPlatform;
  let dataDir: string;
  let inbox: RunningReferenceSystem;
  let portal: TlsClient;

  /** A care system's call through the hub; request and answer validated (official 1.0 XSDs or our emulated ones). */
  async function call(payload: string): Promise<SoapAnswer> {
    const request = rivRequest(INBOX, payload);
    const answer = await callThroughHub({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent(CARE_SYSTEM) }, request);
    expect(answer.status, answer.body).to.equal(200);
    for (const xml of [request, answer.body]) {
      const emulated = payload.includes('urn:riv-emulated:');
      const problems = emulated ? validateEmulatedXml(xml) : referenceDir() ? await validatePayloadXml(xml) : [];
      expect(problems, xml).to.deep.equal([]);
    }
    return answer;
  }

  before(async function () {
    tp = await startTestPlatform();
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-inbox-e2e-'));
    inbox = await inboxSystem({ name: 'inbox-1177', hsaId: INBOX, description: 'test', careUnits: [{ hsaId: INBOX, name: '1177 inkorg' }], portalReaders: [PORTAL] }).start({
      host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', certsDir: tp.certsDir, dataDir,
      hubHttpsUrl: tp.hubHttpsUrl, platformHsaId: '5565594230', demoData: true, log: silentLogger,
    });
    tp.setCatalogue(
      routeOrder(
        [{ producer: INBOX, url: inbox.url, logicalAddress: INBOX, namespaces: INBOX_CONTRACTS }],
        [{ consumer: CARE_SYSTEM, logicalAddress: INBOX, namespaces: INBOX_CONTRACTS }],
      ),
    );
    portal = tlsClient(tp.certsDir, PORTAL);
  });

  after(async function () {
    await portal?.close();
    await inbox?.close();
    await tp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks the citizen is active, sends a message, and the sender sees it Read with the time once the citizen opens it', async function () {
    const active = await call(`<IsActiveUser xmlns="${INBOX_NS.isActiveUser}"><subjectOfCareId>${TOLVAN}</subjectOfCareId></IsActiveUser>`);
    expect(childText(active.envelope!.payload, 'status')).to.equal('true');

    const sent = await call(
      `<AddMessage xmlns="${INBOX_NS.addMessage}"><subjectOfCareId>${TOLVAN}</subjectOfCareId>` +
        '<careUnit><unitId>SE2321000016-1001</unitId><unitName>Vårdcentralen Solna</unitName></careUnit>' +
        '<purpose>RESULT</purpose><subject>Provsvar</subject><messageText>Dina provsvar är klara.</messageText><replyAllowed>true</replyAllowed><notify>true</notify></AddMessage>',
    );
    expect(childText(sent.envelope!.payload, 'resultCode')).to.equal('OK');
    expect(children(sent.envelope!.payload, 'notificationSent').map((n) => n.text)).to.deep.equal(['SMS', 'Email']);
    const messageId = childText(sent.envelope!.payload, 'messageId')!;
    const threadId = childText(sent.envelope!.payload, 'messageThreadId')!;
    const statusRequest = `<GetMessageThreadStatus xmlns="${INBOX_NS.getMessageThreadStatus}"><careUnitId>SE2321000016-1001</careUnitId><messageThreadId>${threadId}</messageThreadId></GetMessageThreadStatus>`;

    expect(childText(children((await call(statusRequest)).envelope!.payload, 'message')[0], 'status')).to.equal('Delivered');
    const list = await portal.json('GET', `${inbox.url}/api/citizens/${TOLVAN}/messages`);
    expect(list.body.unreadCount).to.equal(1);
    const opened = await portal.json('GET', `${inbox.url}/api/citizens/${TOLVAN}/messages/${messageId}`);
    expect(opened.body.readAt).to.be.a('string');
    await portal.json('POST', `${inbox.url}/api/citizens/${TOLVAN}/messages/${messageId}/replies`, { text: 'Tack!' });

    const after = (await call(statusRequest)).envelope!.payload;
    const [original, reply] = children(after, 'message');
    expect([childText(original, 'status'), childText(original, 'readTime')]).to.deep.equal(['Read', opened.body.readAt]);
    expect([childText(reply, 'direction'), childText(reply, 'replyText')]).to.deep.equal(['FromCitizen', 'Tack!']);
  });

  it('serves the citizen verbs inbox, unread, read and reply, and refuses a verb with missing arguments', async function () {
    const sent = await call(
      `<AddMessage xmlns="${INBOX_NS.addMessage}"><subjectOfCareId>${TOLVAN}</subjectOfCareId>` +
        '<careUnit><unitId>SE2321000016-1001</unitId><unitName>Vårdcentralen Solna</unitName></careUnit>' +
        '<purpose>REMINDER</purpose><subject>Påminnelse</subject><messageText>Glöm inte provet.</messageText></AddMessage>',
    );
    const messageId = childText(sent.envelope!.payload, 'messageId')!;
    const client = new PortalClient(tp.mtlsAgent(PORTAL), { inboxUrl: inbox.url, minaIntygUrl: 'https://127.0.0.1:1' });
    const unread = (await runPortalVerb(client, 'unread', [TOLVAN])) as { unreadCount: number };
    const listed = (await runPortalVerb(client, 'inbox', [TOLVAN])) as { messages: Array<{ messageId: string }> };
    expect(listed.messages.map((m) => m.messageId)).to.include(messageId);
    expect(((await runPortalVerb(client, 'read', [TOLVAN, messageId])) as { readAt: string }).readAt).to.be.a('string');
    expect(((await runPortalVerb(client, 'unread', [TOLVAN])) as { unreadCount: number }).unreadCount).to.equal(unread.unreadCount - 1);
    let refused: Error | undefined;
    await runPortalVerb(client, 'reply', [TOLVAN, messageId, 'Ok']).catch((e: Error) => (refused = e));
    expect(refused?.message).to.equal(`HTTP 409 INBOX_ERR_REPLY_NOT_ALLOWED: Message ${messageId} does not accept replies`);
    let usage: Error | undefined;
    await runPortalVerb(client, 'read', [TOLVAN]).catch((e: Error) => (usage = e));
    expect(usage?.message).to.equal('read needs <personId> <messageId>');
  });

  it('refuses a care system without permission with the hub fault VP007', async function () {
    const request = rivRequest(INBOX, `<IsActiveUser xmlns="${INBOX_NS.isActiveUser}"><subjectOfCareId>${TOLVAN}</subjectOfCareId></IsActiveUser>`);
    const answer = await callThroughHub({ kind: 'mtls', url: tp.hubHttpsUrl, dispatcher: tp.mtlsAgent('SE2321000016-XXXX') }, request);
    expect(answer.status).to.equal(500);
    expect(answer.envelope!.fault!.string).to.match(/^VP007 /);
  });
});
