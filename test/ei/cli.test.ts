import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEi, removeDir, type EiUnderTest } from './support.js';
import { engagement, updateRequest, PATIENT } from './fixtures.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function ntjp(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: 15000, env: { ...process.env, NTJP_CONFIG: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

describe('ntjp ei (CLI against a running platform)', () => {
  let ei: EiUnderTest;
  let common: string[];
  before(async () => {
    ei = await startEi();
    common = ['--url', ei.platform.adminUrl.replace('localhost', '127.0.0.1'), '--token', ei.platform.ctx.operatorToken];
    await ei.post('/ei/update', updateRequest([{ engagement: engagement({ categorization: 'voo' }) }, { engagement: engagement({ categorization: 'dia' }) }]));
  });
  after(async () => {
    await ei.close();
    removeDir(ei.dataDir);
  });

  it('find prints the matching engagements and stats the counts', async () => {
    const found = await ntjp(['ei', 'find', PATIENT, 'riv:clinicalprocess:healthcond:description', '--categorization', 'dia', ...common]);
    expect(found.code, found.stderr).to.equal(0);
    expect((JSON.parse(found.stdout) as Array<{ categorization: string }>).map((e) => e.categorization)).to.deep.equal(['dia']);
    const stats = await ntjp(['ei', 'stats', ...common]);
    expect((JSON.parse(stats.stdout) as { engagements: number }).engagements).to.equal(2);
  });

  it('write-lock on/off goes through the operator API, and wrong arguments are a usage error (exit 2)', async () => {
    expect(JSON.parse((await ntjp(['ei', 'write-lock', 'on', ...common])).stdout)).to.include({ writeLock: true });
    expect(JSON.parse((await ntjp(['ei', 'write-lock', 'off', ...common])).stdout)).to.include({ writeLock: false });
    const wrong = await ntjp(['ei', 'dlq', 'redeliver', 'x', ...common]);
    expect(wrong.code).to.equal(2);
    expect(wrong.stderr).to.contain('dead-letter ids are integers');
  });

  it('a platform flag takes its value: with --data the operator token comes from <dataDir>/operator-token', async () => {
    const url = ['--url', ei.platform.adminUrl.replace('localhost', '127.0.0.1')];
    const dlq = await ntjp(['ei', 'dlq', '--data', ei.dataDir, ...url]);
    expect(dlq.code, dlq.stderr).to.equal(0);
    expect(JSON.parse(dlq.stdout)).to.deep.equal([]);
    const status = await ntjp(['ei', 'write-lock', '--data', ei.dataDir, ...url]);
    expect(status.code, status.stderr).to.equal(0);
    expect(JSON.parse(status.stdout)).to.include({ writeLock: false });
    expect(JSON.parse((await ntjp(['ei', 'write-lock', 'on', '--data', ei.dataDir, ...url])).stdout)).to.include({ writeLock: true });
    expect(JSON.parse((await ntjp(['ei', 'write-lock', 'off', `--data=${ei.dataDir}`, ...url])).stdout)).to.include({ writeLock: false });
  });
});
