import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboxSystem } from '../../src/services/inbox/inbox-system.js';
import { INBOX_NS } from '../../src/services/inbox/inbox-contracts.js';
import { contractPath, type RunningReferenceSystem } from '../../src/services/reference-system.js';
import { silentLogger } from '../../src/shared/log.js';
import { child, childText, children } from '../../src/shared/xml/tree.js';
import { referenceDir, validatePayloadXml } from '../support/riv-reference.js';
import { validateEmulatedXml } from './support/emulated-schemas.js';
import { tlsClient, type TlsClient } from './support/tls-client.js';

const INBOX = 'SE5565594230-INK1';
const PORTAL = 'SE2321000016-1177';
const CARE_SYSTEM = 'SE2321000016-J001';
const TOLVAN = '191212121212';
const UNIT = '<careUnit><unitId>SE2321000016-1001</unitId><unitName>Vårdcentralen Solna</unitName></careUnit>';

function addMessage(extra = '', person = TOLVAN, unit = UNIT): string {
  return (
    `<AddMessage xmlns="${INBOX_NS.addMessage}"><subjectOfCareId>${person}</subjectOfCareId>${unit}` +
    `<purpose>APPOINTMENT</purpose><subject>Kallelse till provtagning</subject><messageText>Välkommen den 3 mars kl 08.15.</messageText>${extra}</AddMessage>`
  );
}

/** Both the request and the answer of a call conform: official 1.0 XSDs, or our own emulated ones. */
async function expectValid(call: { request: string; body: string }, emulated: boolean): Promise<void> {
  for (const xml of [call.request, call.body]) {
    const problems = emulated ? validateEmulatedXml(xml) : referenceDir() ? await validatePayloadXml(xml) : [];
    expect(problems, xml).to.deep.equal([]);
  }
}

describe('reference inbox (1177 inkorg), called directly over mutual TLS', function () {
  let dir: string;
  let running: RunningReferenceSystem;
  let care: TlsClient;
  let portal: TlsClient;
  const url = (ns: string): string => running.url + contractPath(ns);
  const api = (p: string): string => `${running.url}/api/citizens/${p}`;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-inbox-'));
    const system = inboxSystem({ name: 'inbox-1177', hsaId: INBOX, description: 'test inbox', careUnits: [{ hsaId: INBOX, name: '1177 inkorg' }], portalReaders: [PORTAL] });
    running = await system.start({
      host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', certsDir: join(dir, 'certs'), dataDir: dir,
      hubHttpsUrl: 'https://127.0.0.1:1/unused', platformHsaId: '5565594230', demoData: true, log: silentLogger,
    });
    care = tlsClient(join(dir, 'certs'), CARE_SYSTEM);
    portal = tlsClient(join(dir, 'certs'), PORTAL);
  });

  after(async function () {
    await care?.close();
    await portal?.close();
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers IsActiveUser 1.0 with the status and the active notification methods', async function () {
    const call = await care.soap(url(INBOX_NS.isActiveUser), INBOX, `<IsActiveUser xmlns="${INBOX_NS.isActiveUser}"><subjectOfCareId>${TOLVAN}</subjectOfCareId></IsActiveUser>`);
    expect(call.status).to.equal(200);
    expect(childText(call.envelope!.payload, 'status')).to.equal('true');
    expect(children(call.envelope!.payload, 'activeNotificationMethods').map((e) => e.text)).to.deep.equal(['SMS', 'Email']);
    await expectValid(call, false);
    const child12 = await care.soap(url(INBOX_NS.isActiveUser), INBOX, `<IsActiveUser xmlns="${INBOX_NS.isActiveUser}"><subjectOfCareId>201207122381</subjectOfCareId></IsActiveUser>`);
    expect(childText(child12.envelope!.payload, 'status')).to.equal('false');
  });

  it('stores an AddMessageToPatientPortalInbox 1.0 message with its single-sign-on link and returns the thread id', async function () {
    const call = await care.soap(
      url(INBOX_NS.addMessageToPatientPortalInbox),
      INBOX,
      `<AddMessageToPatientPortalInbox xmlns="${INBOX_NS.addMessageToPatientPortalInbox}" xmlns:c="urn:riv:infrastructure:eservicesupply:patientportal:1">` +
        `<subjectOfCareId>${TOLVAN}</subjectOfCareId><message><c:organisationUnit><c:unitId>SE2321000016-1001</c:unitId><c:unitName>Vårdcentralen Solna</c:unitName></c:organisationUnit>` +
        `<c:messageDescription>Provsvar</c:messageDescription><c:messageText>Dina provsvar finns nu.</c:messageText>` +
        `<c:ssoLink><c:systemId>journalen</c:systemId><c:text>Läs i Journalen</c:text><c:type>NewTarget</c:type></c:ssoLink></message>` +
        `<notify>true</notify><sourceSystem>${CARE_SYSTEM}</sourceSystem></AddMessageToPatientPortalInbox>`,
    );
    expect(childText(call.envelope!.payload, 'resultCode'), call.body).to.equal('OK');
    expect(childText(call.envelope!.payload, 'messageThreadId')).to.match(/^[0-9a-f-]{36}$/);
    expect(children(call.envelope!.payload, 'notificationSent').map((e) => e.text)).to.deep.equal(['SMS', 'Email']);
    await expectValid(call, false);
    const inbox = await portal.json('GET', api(`${TOLVAN}/messages`));
    const stored = inbox.body.messages.find((m: { subject: string }) => m.subject === 'Provsvar');
    expect(stored.links).to.deep.equal([{ systemId: 'journalen', text: 'Läs i Journalen', type: 'NewTarget' }]);
  });

  it('delivers an AddMessage, counts it unread, marks it read when opened, and shows the sender the read time and the reply', async function () {
    const sent = await care.soap(
      url(INBOX_NS.addMessage),
      INBOX,
      addMessage(
        '<eServiceLink><text>Boka om tiden</text><url>https://e-tjanster.1177.se/boka</url></eServiceLink>' +
          '<attachmentLink><text>Förberedelser (PDF)</text><url>https://vard.example/prov.pdf</url><mimeType>application/pdf</mimeType></attachmentLink>' +
          '<replyAllowed>true</replyAllowed>',
      ),
    );
    expect(childText(sent.envelope!.payload, 'resultCode'), sent.body).to.equal('OK');
    await expectValid(sent, true);
    const messageId = childText(sent.envelope!.payload, 'messageId')!;
    const threadId = childText(sent.envelope!.payload, 'messageThreadId')!;

    const before = await portal.json('GET', api(`${TOLVAN}/unread-count`));
    expect(before.body.unreadCount).to.equal(2);
    const opened = await portal.json('GET', api(`${TOLVAN}/messages/${messageId}`));
    expect(opened.status).to.equal(200);
    expect(opened.body.purpose).to.equal('APPOINTMENT');
    expect(opened.body.links).to.deep.equal([{ text: 'Boka om tiden', url: 'https://e-tjanster.1177.se/boka' }]);
    expect(opened.body.attachment).to.deep.equal({ text: 'Förberedelser (PDF)', url: 'https://vard.example/prov.pdf', mimeType: 'application/pdf' });
    expect(opened.body.readAt).to.be.a('string');
    expect((await portal.json('GET', api(`${TOLVAN}/unread-count`))).body.unreadCount).to.equal(1);

    const reply = await portal.json('POST', api(`${TOLVAN}/messages/${messageId}/replies`), { text: 'Jag kommer.' });
    expect(reply.status).to.equal(201);
    expect(reply.body.direction).to.equal('FromCitizen');

    const status = await care.soap(
      url(INBOX_NS.getMessageThreadStatus),
      INBOX,
      `<GetMessageThreadStatus xmlns="${INBOX_NS.getMessageThreadStatus}"><careUnitId>SE2321000016-1001</careUnitId><messageThreadId>${threadId}</messageThreadId></GetMessageThreadStatus>`,
    );
    await expectValid(status, true);
    const entries = children(status.envelope!.payload, 'message');
    expect(entries.map((e) => [childText(e, 'direction'), childText(e, 'status')])).to.deep.equal([
      ['FromCare', 'Read'],
      ['FromCitizen', 'Delivered'],
    ]);
    expect(childText(entries[0], 'readTime')).to.equal(opened.body.readAt);
    expect(childText(entries[1], 'replyText')).to.equal('Jag kommer.');
  });

  it('keeps a message with a future scheduled send time out of the inbox and shows it as Scheduled to the sender', async function () {
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    const sent = await care.soap(url(INBOX_NS.addMessage), INBOX, addMessage(`<scheduledSendTime>${later}</scheduledSendTime>`));
    expect(childText(sent.envelope!.payload, 'resultCode'), sent.body).to.equal('OK');
    const messageId = childText(sent.envelope!.payload, 'messageId')!;
    const inbox = await portal.json('GET', api(`${TOLVAN}/messages`));
    expect(inbox.body.messages.map((m: { messageId: string }) => m.messageId)).not.to.include(messageId);
    expect((await portal.json('GET', api(`${TOLVAN}/messages/${messageId}`))).status).to.equal(404);
    const status = await care.soap(
      url(INBOX_NS.getMessageThreadStatus),
      INBOX,
      `<GetMessageThreadStatus xmlns="${INBOX_NS.getMessageThreadStatus}"><careUnitId>SE2321000016-1001</careUnitId><messageThreadId>${childText(sent.envelope!.payload, 'messageThreadId')}</messageThreadId></GetMessageThreadStatus>`,
    );
    expect(childText(child(status.envelope!.payload, 'message'), 'status')).to.equal('Scheduled');
  });

  it('refuses a message to a citizen who is not an active user with resultCode ERROR and a text', async function () {
    const call = await care.soap(url(INBOX_NS.addMessage), INBOX, addMessage('', '201207122381'));
    expect(childText(call.envelope!.payload, 'resultCode')).to.equal('ERROR');
    expect(childText(call.envelope!.payload, 'resultText')).to.equal('The citizen 201207122381 is not an active user of the 1177 e-services inbox');
    await expectValid(call, true);
  });

  it('answers a malformed personnummer with a SOAP Client fault naming the field', async function () {
    const call = await care.soap(url(INBOX_NS.addMessage), INBOX, addMessage('', '1912121212'));
    expect(call.status).to.equal(500);
    expect(call.envelope!.fault).to.deep.include({ code: 'soapenv:Client', string: "Invalid request: subjectOfCareId '1912121212' is not a 12-character personnummer or samordningsnummer" });
  });

  it('refuses a reply to a message that does not accept replies, and lets only the portal read inboxes', async function () {
    const sent = await care.soap(url(INBOX_NS.addMessage), INBOX, addMessage());
    const messageId = childText(sent.envelope!.payload, 'messageId')!;
    const reply = await portal.json('POST', api(`${TOLVAN}/messages/${messageId}/replies`), { text: 'Hej' });
    expect(reply).to.deep.equal({ status: 409, body: { code: 'INBOX_ERR_REPLY_NOT_ALLOWED', message: `Message ${messageId} does not accept replies` } });
    const stranger = await care.json('GET', api(`${TOLVAN}/messages`));
    expect(stranger.status).to.equal(403);
    expect(stranger.body.code).to.equal('INBOX_ERR_FORBIDDEN');
  });
});
