import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postSoap } from '../../src/shared/soap/client.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import { startEi, removeDir } from './support.js';
import { inserts, updateRequest, PATIENT } from './fixtures.js';

const CHILD = fileURLToPath(new URL('./killable-ei.ts', import.meta.url));
const PER_REQUEST = 200;
const MAX_REQUESTS = 200;

describe('EI killed during writes', () => {
  it('keeps every answered request whole with its notification, and never half a request', async function () {
    this.timeout(30000);
    const dataDir = mkdtempSync(join(tmpdir(), 'ntjp-ei-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    const { url, secret } = JSON.parse(line.toString()) as { url: string; secret: string };
    let answeredOk = 0;
    let sent = 0;
    const client = async (): Promise<void> => {
      while (sent < MAX_REQUESTS) {
        const n = sent++;
        const body = updateRequest(inserts(PER_REQUEST, { businessObjectInstanceIdentifier: undefined }).map((t, i) => ({ engagement: { ...t.engagement, businessObjectInstanceIdentifier: `r${n}-${i}` } })));
        try {
          const a = await postSoap({ url: url + '/ei/update', body, headers: { 'x-skltp-correlation-id': `crash-${n}`, [PLATFORM_SECRET_HEADER]: secret } });
          if (a.status === 200) answeredOk++;
          if (answeredOk === 10) child.kill('SIGKILL');
        } catch {
          return;
        }
      }
    };
    try {
      await Promise.all([client(), client(), client()]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }

    const ei = await startEi({ 'ei.notificationRedeliveryDelayMs': 600000 }, dataDir);
    try {
      const stored = (await ei.api.stats()).engagements;
      const rows = (await ei.api.find({ registeredResidentIdentification: PATIENT, serviceDomain: 'riv:clinicalprocess:healthcond:description' })).length;
      expect(rows).to.equal(stored);
      expect(stored % PER_REQUEST, 'no half-written request').to.equal(0);
      expect(stored / PER_REQUEST).to.be.at.least(answeredOk);
      const queued = (await ei.api.stats()).outbox.reduce((n, q) => n + q.pending + q.dead, 0);
      expect(queued, 'one notification per applied request').to.equal(stored / PER_REQUEST);
    } finally {
      await ei.close();
      removeDir(dataDir);
    }
  });
});
