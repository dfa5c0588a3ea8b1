/**
 * The platform for bench/soak.ts in its own process: catalogue (TAK registry services), hub, EI and AgP on a
 * real SQLite file, with a request limit of 1 MiB (so an oversized request is cheap to send) and the default
 * traffic log of 10 000 calls.
 * argv[2]: JSON `{"schedulePorts": [...], "pingPort": n}`: booking systems answering GetSubjectOfCareSchedule
 * (the first is also routed directly at its unit, all are engaged for the aggregated call) and one producer
 * answering anything (the bench's other routed contracts).
 * Prints {"hubHttpsUrl","hubHttpUrl","instanceId","certsDir","units"}; answers IPC "rss" with its RSS and
 * heap used in bytes (after a full GC when run with --expose-gc); SIGTERM closes it (its data folder goes with it).
 */
import { startTestPlatform, testIdentity } from '../../test/support/platform.js';
import { CONSUMER, PATIENT, PLATFORM, PRODUCER_SYSTEM, updatePayload } from '../../test/agp/platform.js';
import { SCHEDULING_DOMAIN, SCHEDULING_NS } from '../../test/agp/fixtures.js';
import { takComponent } from '../../src/tak/component.js';
import { vpComponent } from '../../src/vp/index.js';
import { eiComponent, EI_NS } from '../../src/ei/index.js';
import { agpComponent } from '../../src/agp/index.js';
import { callThroughHub } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import type { PermissionEntry, RouteEntry } from '../../src/tak/snapshot.js';
import { MAKE_BOOKING_NS, MAX_BODY_BYTES, PING_NS, PING_UNIT, TRAFFIC_LOG_CALLS } from './soak-setup.js';

const { schedulePorts, pingPort } = JSON.parse(process.argv[2]!) as { schedulePorts: number[]; pingPort: number };
const test = await startTestPlatform({ components: [takComponent, vpComponent, eiComponent, agpComponent], settings: { 'vp.maxBodyBytes': MAX_BODY_BYTES, 'vp.trafficLogSize': TRAFFIC_LOG_CALLS } });
const { ctx, platform } = test;
const units = schedulePorts.map((_, i) => `SE2321000016-S${String(i).padStart(3, '0')}`);
const routes: RouteEntry[] = [];
const permissions: PermissionEntry[] = [];
const valid = { from: '2000-01-01', to: '2099-12-31' };
const route = (address: string, namespace: string, url: string): void => void routes.push({ id: routes.length + 1, logicalAddress: address, namespace, profile: 'RIVTABP21', url, component: 'SOAK', ...valid });
const permit = (consumer: string, address: string, namespace: string): void => void permissions.push({ id: permissions.length + 1, logicalAddress: address, namespace, consumer, filters: [], ...valid });

// Every built-in service (EI, AgP, the TAK registry) at the platform's address, for the consumer; the EI's
// FindContent for the AgP (the platform itself) and Update for the producer system too.
for (const s of ctx.soap.services()) {
  for (const ns of s.namespaces) {
    route(PLATFORM, ns, platform.servicesBaseUrl + s.path);
    permit(CONSUMER, PLATFORM, ns);
    if (ns.startsWith('urn:riv:itintegration:engagementindex')) permit(PLATFORM, PLATFORM, ns);
    if (ns === EI_NS.update) permit(PRODUCER_SYSTEM, PLATFORM, ns);
  }
}
schedulePorts.forEach((port, i) => {
  route(units[i]!, SCHEDULING_NS, `http://127.0.0.1:${port}/producer`);
  permit(CONSUMER, units[i]!, SCHEDULING_NS);
});
for (const ns of [PING_NS, MAKE_BOOKING_NS]) {
  route(PING_UNIT, ns, `http://127.0.0.1:${pingPort}/ping`);
  permit(CONSUMER, PING_UNIT, ns);
}
// Set after start: the catalogue component has published the built-in routes by then, and polls only for newer versions.
test.setCatalogue({ version: 1, publishedAt: new Date().toISOString(), routes, permissions, hsaUnits: [] });
const engaged = await callThroughHub(
  test.internalCaller(PRODUCER_SYSTEM),
  rivRequest(PLATFORM, updatePayload(units.map((logicalAddress) => ({ logicalAddress, serviceDomain: SCHEDULING_DOMAIN, categorization: '' })))),
);
if (engaged.status !== 200) throw new Error(`engaging the booking systems failed: HTTP ${engaged.status} ${engaged.body}`);
testIdentity(CONSUMER);
testIdentity(PRODUCER_SYSTEM);

process.on('message', () => {
  // Run with --expose-gc: a full collection first, so the figures show what is kept, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed });
});
process.stdout.write(JSON.stringify({ hubHttpsUrl: test.hubHttpsUrl, hubHttpUrl: test.hubHttpUrl, instanceId: ctx.instanceId, certsDir: test.certsDir, units, patient: PATIENT }) + '\n');
process.on('SIGTERM', () => void test.close().then(() => process.exit(0)));
