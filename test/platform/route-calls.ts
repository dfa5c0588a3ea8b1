/**
 * One call of every admin API route on a platform with the demo systems, in an order where each call finds
 * what it needs (a row to end, a booking to move, a message to read). The operator token goes with every call.
 */
import { expect } from 'chai';
import { DEMO_SYSTEMS } from '../../src/services/demo/systems.js';
import type { TestPlatform } from '../support/platform.js';

export interface RouteCall {
  method: string;
  /** the route's path in the OpenAPI document */
  path: string;
  url: string;
  status: number;
  body: unknown;
}

const PERSON = '191212121212';
const BOOKING = DEMO_SYSTEMS.find((s) => s.role === 'booking')!;
const CARE_UNIT = BOOKING.careUnits[1]!.hsaId;
const RECEIVER = DEMO_SYSTEMS.find((s) => s.role === 'certificate-receiver')!.hsaId;
const NS = 'urn:riv:test:OpenApiSampleResponder:1';
const PAST = '2020-01-01';

/** A row of each kind, added in dependency order and deleted in reverse. */
const ENTITY_INPUTS: Array<[path: string, input: Record<string, unknown>]> = [
  ['components', { hsaId: 'SE2321000016-OAPC', description: 'OpenAPI sample' }],
  ['contracts', { namespace: NS }],
  ['logical-addresses', { hsaId: 'SE2321000016-OAPL' }],
  ['riv-profiles', { name: 'RIVTABP99' }],
  ['call-addresses', { url: 'https://127.0.0.1:1/oapi', component: 'SE2321000016-OAPC', profile: 'RIVTABP21' }],
  ['routes', { logicalAddress: 'SE2321000016-OAPL', namespace: NS, url: 'https://127.0.0.1:1/oapi', component: 'SE2321000016-OAPC', profile: 'RIVTABP21', from: PAST }],
  ['permissions', { consumer: 'SE2321000016-OAPC', logicalAddress: 'SE2321000016-OAPL', namespace: NS, from: PAST }],
  ['hsa-units', { hsaId: 'SE2321000016-OAPU' }],
  ['format-mappings', { logicalAddress: 'SE2321000016-OAPL', namespace: NS, format: 'SSEK', url: 'https://127.0.0.1:1/ssek' }],
];

const EMPTY_ORDER = { plattform: 'NTJP-TEST', formatVersion: 1, version: 1, genomforandeTidpunkt: '2026-01-01T00:00:00+0000', utforare: 'openapi-test', exkludera: { anropsbehorigheter: [], vagval: [] } };
const ORDER = { ...EMPTY_ORDER, inkludera: { tjanstekontrakt: [{ namnrymd: NS, beskrivning: 'OpenAPI sample' }], logiskadresser: [], tjanstekomponenter: [], anropsbehorigheter: [], vagval: [] } };

export async function callEveryRoute(p: TestPlatform, record: (call: RouteCall) => void): Promise<void> {
  /** Calls `url` (the document path with its parameters filled in) and records the answer. */
  const call = async (method: string, path: string, url: string, body?: unknown): Promise<any> => {
    const res = await fetch(p.adminUrl + url, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${p.operatorToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = (res.headers.get('content-type') ?? '').startsWith('application/json') && text !== '' ? JSON.parse(text) : text;
    record({ method: method.toLowerCase(), path, url, status: res.status, body: parsed });
    return parsed;
  };
  const get = (path: string, url = path) => call('GET', path, url);

  for (const path of ['/health', '/metrics', '/status']) await get(path);

  // Catalogue: every entity's routes on a row of its own, then versions, orders, publish, rollback, import.
  const ids = new Map<string, number>();
  for (const [entity, input] of ENTITY_INPUTS) {
    await get(`/api/tak/${entity}`, `/api/tak/${entity}?includeDeleted=true`);
    await get(`/api/tak/table/${entity}`, `/api/tak/table/${entity}?limit=5&sort=id&desc=1`);
    const row = await call('POST', `/api/tak/${entity}`, `/api/tak/${entity}`, input);
    expect(row.id, `${entity} added`).to.be.a('number');
    ids.set(entity, row.id);
  }
  for (const entity of ['routes', 'permissions']) await call('POST', `/api/tak/${entity}/{id}/end`, `/api/tak/${entity}/${ids.get(entity)}/end`, {});
  for (const [entity] of [...ENTITY_INPUTS].reverse()) await call('DELETE', `/api/tak/${entity}/{id}`, `/api/tak/${entity}/${ids.get(entity)}`);
  await call('POST', '/api/tak/orders', '/api/tak/orders?dryRun=true', ORDER);
  await call('POST', '/api/tak/orders', '/api/tak/orders', ORDER);
  await get('/api/tak/pending');
  const published = await call('POST', '/api/tak/publish', '/api/tak/publish', { comment: 'OpenAPI sample' });
  await get('/api/tak/versions');
  await get('/api/tak/versions/{id}', `/api/tak/versions/${published.id}`);
  await get('/api/tak/versions/{id}/diff', `/api/tak/versions/${published.id}/diff`);
  await get('/api/tak/snapshot');
  await get('/api/tak/audit', '/api/tak/audit?limit=5');
  const exported = await get('/api/tak/export', `/api/tak/export?version=${published.id}`);
  await call('POST', '/api/tak/rollback', '/api/tak/rollback');
  await call('POST', '/api/tak/import', '/api/tak/import', exported);
  await call('POST', '/api/tak/hsa-units/import', '/api/tak/hsa-units/import', [{ hsaId: 'SE2321000016-OAPU', parent: null, name: 'Sample unit' }]);

  // Engagement index.
  await get('/api/ei/engagements', `/api/ei/engagements?registeredResidentIdentification=${PERSON}&serviceDomain=riv:clinicalprocess:healthcond:description`);
  await get('/api/ei/stats');
  await get('/api/ei/dead-letters');
  await call('POST', '/api/ei/dead-letters/redeliver', '/api/ei/dead-letters/redeliver', {});
  await get('/api/ei/write-lock');
  await call('PUT', '/api/ei/write-lock', '/api/ei/write-lock', { writeLock: false });

  // Contracts and their lifecycle.
  await get('/api/contracts');
  await call('POST', '/api/contracts/import', '/api/contracts/import', { path: '/nonexistent/releases' });
  const rules = (await get('/api/contracts/validation')) as Array<{ namespace: string; request: string; response: string }>;
  await call('PUT', '/api/contracts/validation', '/api/contracts/validation', { rules: rules.filter((r) => r.request === r.response).map((r) => `${r.namespace}=both/${r.request}`) });
  await get('/api/contracts/violations');
  await get('/api/lifecycle', `/api/lifecycle?system=${BOOKING.hsaId}`);
  const versions = (await get('/api/lifecycle/contracts')) as Array<{ namespace: string }>;
  await call('PUT', '/api/lifecycle/contracts/published', '/api/lifecycle/contracts/published', { namespace: versions[0]!.namespace, published: '2024-01-31' });
  await get('/api/adapters/deliveries', '/api/adapters/deliveries?limit=5');

  // The citizen: journal, a booking made, moved and cancelled, the inbox, a certificate sent and revoked.
  const citizen = `/api/citizen/${PERSON}`;
  await get('/api/citizen/{personId}/journal', `${citizen}/journal`);
  await get('/api/citizen/{personId}/bookings', `${citizen}/bookings`);
  const slots = (await get('/api/citizen/{personId}/free-slots', `${citizen}/free-slots?careUnit=${CARE_UNIT}`)) as Array<{ start: string }>;
  expect(slots.length, 'free slots').to.be.greaterThan(1);
  const booked = await call('POST', '/api/citizen/{personId}/bookings', `${citizen}/bookings`, { careUnit: CARE_UNIT, start: slots[0]!.start, firstName: 'Tolvan', lastName: 'Tolvansson' });
  await call('POST', '/api/citizen/{personId}/bookings/{bookingId}/rebook', `${citizen}/bookings/${booked.bookingId}/rebook`, { careUnit: CARE_UNIT, start: slots[1]!.start });
  await call('POST', '/api/citizen/{personId}/bookings/{bookingId}/cancel', `${citizen}/bookings/${booked.bookingId}/cancel`, { careUnit: CARE_UNIT });
  const inbox = (await get('/api/citizen/{personId}/inbox', `${citizen}/inbox`)) as { messages: Array<{ messageId: string; replyAllowed: boolean }> };
  await get('/api/citizen/{personId}/inbox/unread', `${citizen}/inbox/unread`);
  const message = (inbox.messages.find((m) => m.replyAllowed) ?? inbox.messages[0]!).messageId;
  await get('/api/citizen/{personId}/inbox/{messageId}', `${citizen}/inbox/${message}`);
  await call('POST', '/api/citizen/{personId}/inbox/{messageId}/reply', `${citizen}/inbox/${message}/reply`, { text: 'Tack!' });
  const sent = await call('POST', '/api/citizen/{personId}/certificates', `${citizen}/certificates`, { receiver: RECEIVER });
  await get('/api/citizen/{personId}/certificates', `${citizen}/certificates`);
  await get('/api/citizen/certificates/{certificateId}', `/api/citizen/certificates/${sent.id}`);
  await call('POST', '/api/citizen/certificates/{certificateId}/revoke', `/api/citizen/certificates/${sent.id}/revoke`);

  // The traffic log, with capture on so a call carries its bodies and headers, then off again.
  await call('PUT', '/api/traffic/capture', '/api/traffic/capture', { on: true });
  await get('/api/citizen/{personId}/journal', `${citizen}/journal`);
  const page = (await get('/api/traffic', '/api/traffic?limit=5&match=contains&outcome=ok')) as { calls: Array<{ seq: number }> };
  expect(page.calls.length, 'calls in the traffic log').to.be.greaterThan(0);
  await get('/api/traffic/{seq}', `/api/traffic/${page.calls[0]!.seq}`);
  await call('PUT', '/api/traffic/capture', '/api/traffic/capture', { on: false });
}
