import { expect } from 'chai';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { callThroughHub } from '../../src/shared/soap/client.js';
import type { CatalogueSnapshot, PermissionEntry, RouteEntry } from '../../src/tak/snapshot.js';
import { eiComponent, EI_NS, type EiApi } from '../../src/ei/index.js';
import { engagement, findContentPayload, updatePayload, resultCode, foundEngagements, PATIENT, type Tx } from './fixtures.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { eventually } from './support.js';

const EI_A = 'SE2321000016-EIA';
const EI_B = 'SE2321000016-EIB';
const PRODUCER = 'SE2321000016-PROD';
const DOMAIN = 'riv:clinicalprocess:healthcond:description';
const DAYS = { from: '2000-01-01', to: '2100-01-01' };

/**
 * One EI's catalogue: the producer may Update it; the other EI subscribes to its notifications, which go to
 * the other platform's hub (its services port answers only its own hub), and this one's come in the same way.
 */
function catalogue(own: string, ownServices: string, other: string, otherHub: string, platformHsaId: string): CatalogueSnapshot {
  let id = 0;
  const route = (logicalAddress: string, namespace: string, url: string): RouteEntry => ({ id: ++id, logicalAddress, namespace, profile: 'RIVTABP21', url, component: logicalAddress, ...DAYS });
  const permission = (logicalAddress: string, namespace: string, consumer: string): PermissionEntry => ({ id: ++id, logicalAddress, namespace, consumer, filters: [], ...DAYS });
  return {
    version: 1,
    publishedAt: new Date().toISOString(),
    hsaUnits: [],
    routes: [
      route(own, EI_NS.update, `${ownServices}/ei/update`),
      route(own, EI_NS.findContent, `${ownServices}/ei/find-content`),
      route(own, EI_NS.processNotification, `${ownServices}/ei/process-notification`),
      route(other, EI_NS.processNotification, otherHub),
    ],
    permissions: [
      permission(own, EI_NS.update, PRODUCER),
      permission(own, EI_NS.findContent, PRODUCER),
      permission(own, EI_NS.processNotification, platformHsaId),
      permission(other, EI_NS.processNotification, platformHsaId),
    ],
  };
}

describe('EI through the hub: two EIs notifying each other (R4/R5)', function () {
  this.timeout(30000);
  let a: TestPlatform;
  let b: TestPlatform;
  before(async () => {
    const settings = { 'ei.notificationRedeliveryDelayMs': 20, 'ei.notificationTimeoutMs': 5000 };
    a = await startTestPlatform({ components: [vpComponent, eiComponent], settings: { ...settings, 'ei.hsaId': EI_A } });
    b = await startTestPlatform({ components: [vpComponent, eiComponent], settings: { ...settings, 'ei.hsaId': EI_B } });
    a.setCatalogue(catalogue(EI_A, a.platform.servicesBaseUrl, EI_B, b.hubHttpUrl, a.ctx.platformHsaId));
    b.setCatalogue(catalogue(EI_B, b.platform.servicesBaseUrl, EI_A, a.hubHttpUrl, b.ctx.platformHsaId));
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const call = (p: TestPlatform, address: string, payload: string) => callThroughHub(p.internalCaller(PRODUCER), rivRequest(address, payload), { correlationId: `corr-${Date.now()}` });
  const update = async (p: TestPlatform, address: string, txs: Tx[]) => resultCode(await call(p, address, updatePayload(txs)));
  const owners = async (p: TestPlatform, address: string) =>
    foundEngagements(await call(p, address, findContentPayload({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN }))).map((e) => e.owner).sort();
  const settled = async (p: TestPlatform) => (await p.ctx.use<EiApi>('ei').stats()).outbox.length === 0;
  /** ProcessNotifications this platform's hub passed on to `receiver`, with their outcome */
  const notifications = (p: TestPlatform, receiver: string) =>
    p.ctx.use<VpApi>('vp').traffic.list({ receiver, contract: EI_NS.processNotification }).map((t) => `${t.sender}:${t.outcome}`);

  it('an Update through hub A is stored by A as its own, notified to B through the hub, and the echo back is dropped (R4)', async () => {
    expect(await update(a, EI_A, [{ engagement: engagement() }])).to.equal('OK');
    expect(await owners(a, EI_A)).to.deep.equal([EI_A]);
    await eventually(async () => (await b.ctx.use<EiApi>('ei').stats()).engagements === 1, 'B to hold the notified engagement');
    await eventually(async () => (await settled(a)) && (await settled(b)), 'both outboxes to drain');
    expect(await owners(b, EI_B)).to.deep.equal([EI_A]);
    expect(await owners(a, EI_A)).to.deep.equal([EI_A]);
    expect(notifications(a, EI_B)).to.deep.equal([`${a.ctx.platformHsaId}:ok`]);
    expect(notifications(b, EI_A)).to.deep.equal([`${b.ctx.platformHsaId}:ok`]);
    expect(await a.ctx.use<EiApi>('ei').deadLetters()).to.deep.equal([]);
    expect(await b.ctx.use<EiApi>('ei').deadLetters()).to.deep.equal([]);
  });

  it('the same engagement updated at B replaces A\'s own copy at A (R5), and both sides settle', async () => {
    expect(await update(b, EI_B, [{ engagement: engagement({ mostRecentContent: '20250101000000' }) }])).to.equal('OK');
    await eventually(async () => (await a.ctx.use<EiApi>('ei').find({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN })).every((e) => e.owner === EI_B), "A to drop its own copy for B's");
    await eventually(async () => (await settled(a)) && (await settled(b)), 'both outboxes to drain');
    expect(await owners(a, EI_A)).to.deep.equal([EI_B]);
    expect(await owners(b, EI_B)).to.deep.equal([EI_A, EI_B]);
  });

  it('a validation fault of the EI reaches the consumer through the hub unchanged (HTTP 500, EI code)', async () => {
    const answer = await call(a, EI_A, updatePayload([{ engagement: engagement({ sourceSystem: EI_A }) }]));
    expect(answer.status).to.equal(500);
    expect(answer.envelope?.fault?.string).to.equal(`EI006: The sourceSystem in EngagementTransaction #1 is reserved and not allowed, hsa-id: ${EI_A}`);
  });
});
