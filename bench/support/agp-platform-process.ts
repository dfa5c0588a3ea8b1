/**
 * Hub + EI + AgP in their own process for bench/agp-fanout.ts: one booking system per producer port in argv[2]
 * (JSON array), routed, permitted to the bench consumer and engaged for the bench patient; argv[3] (JSON
 * object) holds settings.
 * Prints {"hubUrl","instanceId","units"}; answers IPC "cpu" with the CPU time so far in ms of it and its hub
 * workers (`platform.workers`); SIGTERM closes it.
 */
import { startAgpPlatform, CONSUMER } from '../../test/agp/platform.js';
import { SCHEDULING_DOMAIN, SCHEDULING_NS } from '../../test/agp/fixtures.js';
import { treeUsage } from './process-tree.js';

const ports = JSON.parse(process.argv[2]!) as number[];
const agp = await startAgpPlatform(JSON.parse(process.argv[3] ?? '{}') as Record<string, boolean | number>);
const units = ports.map((_, i) => `SE2321000016-B${String(i).padStart(3, '0')}`);
ports.forEach((port, i) => {
  agp.route(units[i]!, SCHEDULING_NS, `http://127.0.0.1:${port}/producer`);
  agp.permit(CONSUMER, units[i]!, SCHEDULING_NS);
});
// Hands the catalogue to the hub once more and waits until it routes with it (on workers that takes a message).
await agp.test.ctx.catalogue.set(agp.test.ctx.catalogue.current()!);
await agp.engage(units.map((logicalAddress) => ({ logicalAddress, serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
process.stdout.write(JSON.stringify({ hubUrl: agp.test.hubHttpUrl, instanceId: agp.test.ctx.instanceId, units }) + '\n');
process.on('message', () => void process.send?.({ cpuMs: treeUsage(process.pid).cpuMicros / 1000 }));
process.on('SIGTERM', () => void agp.close().then(() => process.exit(0)));
