import { expect } from 'chai';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/database.js';
import { SqliteTakStore, TakService } from '../../src/tak/index.js';
import { createCa, createCertificate } from '../../src/pki/index.js';
import { BOOKING_NS, CARE_UNIT, CONSUMER, PRODUCER, bookingOrder } from './fixtures.js';
import { own, startTakPlatform, type TakPlatform } from './platform-fixture.js';

/** Waits (bounded) until the platform's active catalogue has the version. */
async function activeVersion(t: TakPlatform, version: number): Promise<void> {
  for (let i = 0; i < 100 && t.platform.ctx.catalogue.current()?.version !== version; i++) await new Promise((r) => setTimeout(r, 20));
  expect(t.platform.ctx.catalogue.current()?.version).to.equal(version);
}

describe('TAK admin REST API', () => {
  let t: TakPlatform;
  beforeEach(async () => (t = await startTakPlatform()));
  afterEach(() => t.close());

  it('adds, lists, ends and deletes every entity, pending until published', async () => {
    const add = async (path: string, body: unknown): Promise<any> => {
      const r = await t.api('POST', `/api/tak/${path}`, body);
      expect(r.status, JSON.stringify(r.json)).to.equal(201);
      return r.json;
    };
    await add('components', { hsaId: PRODUCER.toLowerCase(), description: 'Journal' });
    await add('components', { hsaId: CONSUMER });
    await add('contracts', { namespace: BOOKING_NS });
    await add('logical-addresses', { hsaId: CARE_UNIT });
    await add('riv-profiles', { name: 'rivtabp30' });
    const ca = await add('call-addresses', { url: 'https://journal.example/x', component: PRODUCER, profile: 'RIVTABP21' });
    const route = await add('routes', { logicalAddress: CARE_UNIT, namespace: BOOKING_NS, url: 'https://journal.example/x', component: PRODUCER, profile: 'RIVTABP21', from: '2026-01-01', to: '2030-12-31' });
    const permission = await add('permissions', { consumer: CONSUMER, logicalAddress: CARE_UNIT, namespace: BOOKING_NS, from: '2026-01-01', filters: [{ serviceDomain: 'riv:crm:scheduling', categorizations: ['booking'] }] });
    await add('hsa-units', { hsaId: CARE_UNIT, parent: 'SE2321000016-ROOT' });
    expect(route.callAddressId).to.equal(ca.id);
    expect((await t.api('GET', '/api/tak/components', undefined, false)).json.map((c: any) => c.hsaId)).to.deep.equal(['5565594230', PRODUCER, CONSUMER]);
    expect((await t.api('GET', '/api/tak/riv-profiles')).json.map((p: any) => p.name)).to.deep.equal(['RIVTABP20', 'RIVTABP21', 'RIVTABP30']);
    expect(own(t.platform.ctx.catalogue.current()!.routes)).to.deep.equal([]);
    expect((await t.api('POST', '/api/tak/publish', { comment: 'first' })).status).to.equal(201);
    const snapshot = t.platform.ctx.catalogue.current()!;
    expect(own(snapshot.routes)).to.deep.equal([{ id: route.id, logicalAddress: CARE_UNIT, namespace: BOOKING_NS, profile: 'RIVTABP21', url: 'https://journal.example/x', component: PRODUCER, from: '2026-01-01', to: '2030-12-31' }]);
    expect(snapshot.permissions[0]!.filters).to.deep.equal([{ serviceDomain: 'riv:crm:scheduling', categorizations: ['booking'] }]);
    expect(snapshot.hsaUnits).to.deep.equal([{ hsaId: CARE_UNIT, parent: 'SE2321000016-ROOT' }]);
    const ended = await t.api('POST', `/api/tak/permissions/${permission.id}/end`, { to: '2026-02-01' });
    expect(ended.json.to).to.equal('2026-02-01');
    expect((await t.api('DELETE', `/api/tak/routes/${route.id}`)).status).to.equal(204);
    expect((await t.api('DELETE', '/api/tak/riv-profiles/3')).status).to.equal(204);
    expect((await t.api('GET', '/api/tak/routes')).json.map((r: any) => r.id)).not.to.include(route.id);
    expect((await t.api('GET', '/api/tak/routes?includeDeleted=true')).json.find((r: any) => r.id === route.id)).to.include({ deleted: true, updatedBy: 'operator' });
    const pending = (await t.api('GET', '/api/tak/pending')).json;
    expect(pending.routes.removed.map((r: any) => r.id)).to.deep.equal([route.id]);
    expect(pending.permissions.ended.map((p: any) => p.to)).to.deep.equal(['2026-02-01']);
    expect(pending.entities['riv-profiles']).to.deep.equal({ added: [], changed: [], removed: [{ id: 3, name: 'RIVTABP30', description: '' }] });
    expect(pending.entities.components).to.equal(undefined);
    const first = (await t.api('GET', '/api/tak/versions/2/diff')).json;
    expect(first.entities.components.added.map((c: any) => c.hsaId)).to.deep.equal([PRODUCER, CONSUMER]);
    expect(first.entities['logical-addresses'].added.map((a: any) => a.hsaId)).to.deep.equal([CARE_UNIT]);
    await t.api('POST', '/api/tak/publish', {});
    expect(own(t.platform.ctx.catalogue.current()!.routes)).to.deep.equal([]);
    const diff = (await t.api('GET', '/api/tak/versions/3/diff')).json;
    expect(diff).to.deep.include({ from: 2, to: 3 });
    expect(diff.routes.removed.length).to.equal(1);
  });

  it('registers a component from its certificate, reading the HSA-id from the subject serialNumber', async () => {
    const ca = createCa();
    const cert = createCertificate({ issuer: ca, commonName: 'Journal', hsaId: 'SE2321000016-CERT', usage: 'client' });
    const r = await t.api('POST', '/api/tak/components', { certificate: cert.certPem });
    expect(r.status, JSON.stringify(r.json)).to.equal(201);
    expect(r.json.hsaId).to.equal('SE2321000016-CERT');
  });

  it('refuses writes without the operator token and malformed JSON with a clear 400', async () => {
    const r = await t.api('POST', '/api/tak/components', { hsaId: 'X' }, false);
    expect(r.status).to.equal(401);
    const bad = await t.api('POST', '/api/tak/orders', '{"plattform": ');
    expect(bad.status).to.equal(400);
    expect(bad.json.code).to.equal('NTJP_ERR_BAD_BODY');
  });

  it('applies, dry-runs and rejects orders through POST /api/tak/orders', async () => {
    const dry = await t.api('POST', '/api/tak/orders?dryRun=true', bookingOrder());
    expect(dry.status).to.equal(200);
    expect(dry.json.counts['create route']).to.equal(1);
    expect((await t.api('GET', '/api/tak/routes')).json.length).to.equal(4);
    const applied = await t.api('POST', '/api/tak/orders?dryRun=false', bookingOrder());
    expect(applied.status).to.equal(201);
    const rejected = await t.api('POST', '/api/tak/orders', { ...bookingOrder(), exkludera: { vagval: [{ adress: 'https://nowhere.example/x', logiskAdress: CARE_UNIT, tjanstekontrakt: BOOKING_NS, rivtaprofil: 'RIVTABP21', tjanstekomponent: PRODUCER }] } });
    expect(rejected.status).to.equal(400);
    expect(rejected.json.code).to.equal('TAK_ERR_VALIDATION');
    expect(rejected.json.problems).to.deep.equal([`exkludera.vagval[0]: no vägval ${CARE_UNIT} / ${BOOKING_NS} → https://nowhere.example/x valid on or after 2026-01-01`]);
  });

  it('rolls back the latest version, exports and imports a snapshot', async () => {
    await t.api('POST', '/api/tak/orders', bookingOrder());
    await t.api('POST', '/api/tak/publish', {});
    await t.api('POST', '/api/tak/orders', bookingOrder({ date: '2026-06-01', url: 'https://new.example/b' }));
    await t.api('POST', '/api/tak/publish', {});
    expect(own(t.platform.ctx.catalogue.current()!.routes).map((r) => r.url)).to.deep.equal(['https://journal.example:8443/booking', 'https://new.example/b']);
    const exported = (await t.api('GET', '/api/tak/export')).json;
    const rb = await t.api('POST', '/api/tak/rollback', {});
    expect(rb.json.removed.id).to.equal(3);
    expect(rb.json.active.id).to.equal(2);
    expect(own(t.platform.ctx.catalogue.current()!.routes).map((r) => [r.url, r.to])).to.deep.equal([['https://journal.example:8443/booking', '2126-01-01']]);
    expect((await t.api('GET', '/api/tak/versions')).json.map((v: any) => v.id)).to.deep.equal([1, 2]);
    // What version 3 changed against the active version 2: one route ended, one added with its call address, one permission extended.
    expect((await t.api('POST', '/api/tak/import', exported)).json.pending).to.equal(4);
    await t.api('POST', '/api/tak/publish', {});
    expect(own(t.platform.ctx.catalogue.current()!.routes).length).to.equal(2);
    const refused = await t.api('POST', '/api/tak/import', { formatVersion: 1 });
    expect(refused.json.code).to.equal('TAK_ERR_BAD_INPUT');
  });

  it('refuses a publish with nothing pending and keeps the active version', async () => {
    await t.api('POST', '/api/tak/orders', bookingOrder());
    await t.api('POST', '/api/tak/publish', {});
    const again = await t.api('POST', '/api/tak/publish', {});
    expect(again.status).to.equal(409);
    expect(again.json).to.deep.include({ code: 'TAK_ERR_NOTHING_TO_PUBLISH', message: 'There are no pending changes to publish.' });
    expect(t.platform.ctx.catalogue.current()!.version).to.equal(2);
  });

  it('lets one of two racing publishes win and refuses the other with nothing pending', async () => {
    await t.api('POST', '/api/tak/orders', bookingOrder());
    const answers = await Promise.all([t.api('POST', '/api/tak/publish', {}), t.api('POST', '/api/tak/publish', {})]);
    expect(answers.map((a) => a.status).sort()).to.deep.equal([201, 409]);
    expect((await t.api('GET', '/api/tak/versions')).json.length).to.equal(2);
  });

  it('refuses to end a row before it starts, suggesting delete', async () => {
    await t.api('POST', '/api/tak/orders', bookingOrder({ date: '2099-01-01' }));
    const r = await t.api('POST', '/api/tak/routes/5/end', {});
    expect(r.status).to.equal(400);
    expect(r.json.message).to.match(/^Malformed input: route 5 starts 2099-01-01, after the end date \d{4}-\d{2}-\d{2}; delete it instead$/);
  });

  it('picks up a version published by another process sharing the database', async () => {
    const other = new TakService(new SqliteTakStore(openDatabase(join(t.dir, 'data', 'ntjp.db'))));
    await other.order(bookingOrder(), { dryRun: false, user: 'cli' });
    await other.publish('cli', 'from elsewhere');
    await activeVersion(t, 2);
  });

  it('keeps the previous version and writes nothing when a publish fails half-way', async () => {
    await t.api('POST', '/api/tak/orders', bookingOrder());
    await t.api('POST', '/api/tak/publish', {});
    await t.api('POST', '/api/tak/orders', bookingOrder({ date: '2026-06-01', url: 'https://new.example/b' }));
    t.platform.ctx.db.exec("CREATE TRIGGER crash BEFORE INSERT ON tak_pub_version BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");
    const failed = await t.api('POST', '/api/tak/publish', {});
    expect(failed.status).to.equal(500);
    expect(failed.json).to.deep.equal({ code: 'TAK_ERR_INTERNAL', message: 'simulated crash', problems: [] });
    t.platform.ctx.db.exec('DROP TRIGGER crash');
    expect((await t.api('GET', '/api/tak/versions')).json.length).to.equal(2);
    expect(t.platform.ctx.catalogue.current()!.version).to.equal(2);
    expect((await t.api('POST', '/api/tak/publish', {})).status).to.equal(201);
  });

  it('serves the OpenAPI document with the catalogue paths', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).json;
    expect(doc.openapi).to.equal('3.1.0');
    expect(Object.keys(doc.paths)).to.include.members(['/api/tak/orders', '/api/tak/routes', '/api/tak/permissions/{id}/end']);
  });
});
