/**
 * The SHS and SSEK receivers as `ntjp start` runs them: the whole platform with services.run, Mina intyg
 * sending through the hub to the format adapters, and the citizen following the certificate to `received`
 * and revoking it. Each call appears in the traffic log twice: the RIV call and the adapter's leg.
 */
import { expect } from 'chai';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { citizenApi } from '../services/support/citizen-api.js';
import { COMPONENTS } from '../../src/app/components.js';
import { DEMO_SYSTEMS, type ServicesApi } from '../../src/services/index.js';
import type { AdaptersApi } from '../../src/adapters/index.js';
import type { VpApi } from '../../src/vp/index.js';
import { CERT_NS } from '../../src/services/certificates/certificate-contracts.js';

const TOLVAN = '191212121212';
const addressOf = (role: string): string => DEMO_SYSTEMS.find((s) => s.role === role)!.careUnits[0]!.hsaId;
const SHS_RECEIVER = addressOf('certificate-receiver-shs');
const SSEK_RECEIVER = addressOf('certificate-receiver-ssek');
const RECEIPT_WAIT_ROUNDS = 50;

describe('SHS and SSEK certificate receivers in the demo (format adapters)', function () {
  this.timeout(60000);
  let tp: TestPlatform;

  before(async () => {
    tp = await startTestPlatform({ components: COMPONENTS, settings: { 'services.run': true, 'services.fixedPorts': false, 'adapters.shsPollIntervalMs': 100 } });
  });
  after(async () => tp?.close());

  const api = citizenApi(() => tp.adminUrl);

  /** The certificate's status once it has left `from` (the SHS receipt comes with the adapter's next poll). */
  async function statusAfter(id: string, from: string): Promise<any> {
    let cert = (await api('GET', `/certificates/${id}`)).body;
    for (let i = 0; i < RECEIPT_WAIT_ROUNDS && cert.status === from; i++) {
      await tp.ctx.use<AdaptersApi>('adapters').pollReceipts();
      await new Promise((r) => setTimeout(r, 50));
      cert = (await api('GET', `/certificates/${id}`)).body;
    }
    return cert;
  }

  it('starts the SHS and the SSEK receiver, each with its own URL, routed to the adapters', () => {
    const started = tp.ctx.use<ServicesApi>('services').systems().map((s) => s.system.name);
    expect(started).to.include.members(['receiver-forsakringskassan-shs', 'receiver-demoforsakring-ssek']);
    const adapters = tp.ctx.use<AdaptersApi>('adapters').urls;
    const routes = tp.ctx.catalogue.current()!.routes;
    expect(routes.find((r) => r.logicalAddress === SHS_RECEIVER && r.namespace === CERT_NS.registerCertificate)?.url).to.equal(adapters.SHS);
    expect(routes.find((r) => r.logicalAddress === SSEK_RECEIVER && r.namespace === CERT_NS.registerCertificate)?.url).to.equal(adapters.SSEK);
    expect(tp.ctx.catalogue.current()!.formatMappings!.map((m) => `${m.logicalAddress} ${m.format} ${m.transfer}`).sort()).to.deep.equal([
      `${SHS_RECEIVER} SHS asynch`, `${SHS_RECEIVER} SHS asynch`, `${SSEK_RECEIVER} SSEK synch`, `${SSEK_RECEIVER} SSEK synch`,
    ]);
  });

  it('sends a certificate to the SHS receiver: sent at once, received with the confirm, and the revocation acknowledged the same way', async () => {
    const sent = await api('POST', `/${TOLVAN}/certificates`, { receiver: SHS_RECEIVER });
    expect(sent.body).to.deep.include({ status: 'sent', resultCode: 'INFO', receiver: SHS_RECEIVER });
    expect(await statusAfter(sent.body.id, 'sent')).to.deep.include({ status: 'received', resultCode: 'OK', resultText: 'The receiver confirmed receipt' });
    expect((await api('POST', `/certificates/${sent.body.id}/revoke`)).body.status).to.equal('revoke-sent');
    expect(await statusAfter(sent.body.id, 'revoke-sent')).to.deep.include({ status: 'revoked', resultCode: 'OK' });
  });

  it('sends a certificate to the SSEK receiver: received with its signed answer, and revoked', async () => {
    const sent = await api('POST', `/${TOLVAN}/certificates`, { receiver: SSEK_RECEIVER });
    expect(sent.body).to.deep.include({ status: 'received', resultCode: 'OK', receiver: SSEK_RECEIVER });
    expect((await api('POST', `/certificates/${sent.body.id}/revoke`)).body).to.deep.include({ status: 'revoked', resultCode: 'OK' });
  });

  it('logs each call twice: the RIV call to the adapter and the adapter\'s SSEK leg, under one correlation id', async () => {
    const sent = await api('POST', `/${TOLVAN}/certificates`, { receiver: SSEK_RECEIVER });
    expect(sent.body.status).to.equal('received');
    const traffic = tp.ctx.use<VpApi>('vp').traffic.list({ contract: CERT_NS.registerCertificate, limit: 10 });
    const leg = traffic.find((e) => e.leg === 'SSEK')!;
    const riv = traffic.find((e) => e.correlationId === leg.correlationId && e.leg === undefined)!;
    expect(riv).to.deep.include({ receiver: SSEK_RECEIVER, outcome: 'ok', producerUrl: tp.ctx.use<AdaptersApi>('adapters').urls.SSEK });
    expect(leg).to.deep.include({ sender: '165565594230', receiver: '165590000017', outcome: 'ok', httpStatus: 200 });
  });
});
