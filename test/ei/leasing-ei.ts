/**
 * A child process for test/ei/instances.test.ts: an EI on the given database (`platform.database`) and data
 * folder, notifying one subscriber (argv: database, data folder, subscriber URL, lease ms, timeout ms).
 * Prints its services URL and the secret that port requires, then runs until killed.
 */
import { routeNotificationsTo, startEi } from './support.js';

const [database, dataDir, subscriberUrl, leaseMs, timeoutMs] = process.argv.slice(2) as [string, string, string, string, string];
const ei = await startEi({ 'platform.database': database, 'platform.instanceId': 'KILLED', 'ei.notificationLeaseMs': Number(leaseMs), 'ei.notificationTimeoutMs': Number(timeoutMs) }, dataDir);
routeNotificationsTo(ei, subscriberUrl);
ei.subscribe([{ logicalAddress: 'SUB' }]);
process.stdout.write(JSON.stringify({ url: ei.platform.servicesBaseUrl, secret: ei.platform.ctx.servicesSecret }) + '\n');
