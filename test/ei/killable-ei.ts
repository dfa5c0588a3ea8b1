/**
 * A child process for test/ei/crash.test.ts: an EI on the given data folder with one subscriber that cannot
 * be reached (so every applied request leaves one outbox row). Prints its services URL and the secret that port
 * requires, then runs until killed.
 */
import { startEi } from './support.js';

const ei = await startEi({ 'ei.notificationRedeliveryDelayMs': 600000 }, process.argv[2]);
ei.subscribe([{ logicalAddress: 'SUB-UNREACHABLE' }]);
process.stdout.write(JSON.stringify({ url: ei.platform.servicesBaseUrl, secret: ei.platform.ctx.servicesSecret }) + '\n');
