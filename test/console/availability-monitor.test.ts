import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../src/store/database.js';
import { silentLogger } from '../../src/shared/log.js';
import { StaticCatalogueSource, type RouteEntry } from '../../src/tak/snapshot.js';
import { SqliteAvailabilityStore } from '../../src/console/availability/store-sqlite.js';
import type { AvailabilityStore } from '../../src/console/availability/store.js';
import { AvailabilityMonitor } from '../../src/console/availability/monitor.js';
import { PING_NAMESPACE } from '../../src/console/availability/producers.js';
import { soapEnvelope } from '../../src/shared/soap/envelope.js';

const BOOKING = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
const NOW_MS = Date.UTC(2026, 2, 15, 12);

function route(id: number, component: string, namespace: string, url: string): RouteEntry {
  return { id, logicalAddress: 'SE2321000016-1234', namespace, profile: 'RIVTABP21', url, component, from: '2026-01-01', to: '2126-01-01' };
}

async function startServer(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('console availability: fed by probes and call outcomes', () => {
  const servers: Server[] = [];
  let pings = 0;
  let pingUrl = '';
  let closedUrl = '';

  before(async () => {
    const ping = await startServer((req, res) => {
      req.resume();
      req.on('end', () => {
        pings++;
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(soapEnvelope(`<PingForConfigurationResponse xmlns="${PING_NAMESPACE}"><version>1</version></PingForConfigurationResponse>`));
      });
    });
    servers.push(ping.server);
    pingUrl = ping.url;
    const closed = await startServer(() => undefined);
    closedUrl = closed.url;
    await new Promise<void>((r) => closed.server.close(() => r()));
  });
  after(() => servers.forEach((s) => s.close()));

  function monitorFor(routes: RouteEntry[]): { monitor: AvailabilityMonitor; store: AvailabilityStore } {
    const store = new SqliteAvailabilityStore(openDatabase(':memory:'));
    const catalogue = new StaticCatalogueSource({ version: 1, publishedAt: '', routes, permissions: [], hsaUnits: [] });
    const monitor = new AvailabilityMonitor({ store, catalogue, clock: () => NOW_MS, log: silentLogger, probeIntervalMs: 0, probeTimeoutMs: 2000 });
    return { monitor, store };
  }

  it('pings a producer whose component has PingForConfiguration routed and marks all its contracts up', async () => {
    const { monitor, store } = monitorFor([route(1, 'SE-PING', PING_NAMESPACE, pingUrl + '/ping'), route(2, 'SE-PING', BOOKING, pingUrl + '/booking')]);
    expect(await monitor.probeAll()).to.equal(2);
    expect(pings).to.equal(1);
    expect(await store.changes('SE-PING', BOOKING, NOW_MS + 1)).to.deep.equal([{ atMs: NOW_MS, up: true, source: 'probe', detail: 'PingForConfiguration answered' }]);
  });

  it('connect-probes a producer without a ping route and marks it down when nothing listens', async () => {
    const { monitor, store } = monitorFor([route(1, 'SE-GONE', BOOKING, closedUrl + '/booking')]);
    await monitor.probeAll();
    const [change] = await store.changes('SE-GONE', BOOKING, NOW_MS + 1);
    expect(change?.up).to.equal(false);
    expect(change?.detail).to.equal('connect: ECONNREFUSED');
  });

  it('counts VP009 as the producer down, an answer (faults of its own included) as up, and other hub faults not at all', async () => {
    const { monitor, store } = monitorFor([route(1, 'SE-PROD', BOOKING, 'http://127.0.0.1:9/booking')]);
    const call = { receiver: 'SE2321000016-1234', contract: BOOKING, producerUrl: 'http://127.0.0.1:9/booking' };
    monitor.recordCall({ ...call, outcome: 'vp-fault', faultCode: 'VP007' });
    monitor.recordCall({ ...call, outcome: 'contract-fault', faultCode: 'NTJP-CONTRACT001' });
    expect(await store.keys()).to.deep.equal([]);
    monitor.recordCall({ ...call, outcome: 'vp-fault', faultCode: 'VP009' });
    monitor.recordCall({ ...call, outcome: 'ok' });
    monitor.recordCall({ ...call, outcome: 'vp-fault', faultCode: 'VP009' });
    monitor.recordCall({ ...call, outcome: 'producer-fault' });
    monitor.recordCall({ ...call, outcome: 'vp-fault', faultCode: 'VP009' });
    monitor.recordCall({ ...call, outcome: 'contract-fault', faultCode: 'NTJP-CONTRACT002' });
    expect((await store.changes('SE-PROD', BOOKING, NOW_MS + 1)).map((c) => [c.up, c.source, c.detail])).to.deep.equal([
      [false, 'call', 'VP009'],
      [true, 'call', ''],
      [false, 'call', 'VP009'],
      [true, 'call', ''],
      [false, 'call', 'VP009'],
      [true, 'call', 'NTJP-CONTRACT002'],
    ]);
  });
});
