import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { zipSync } from 'fflate';
import { ContractImportError, ContractsService, contractsComponent, importLimitsOf, type ImportLimits } from '../../src/contracts/index.js';
import { command as contractsCommand } from '../../src/cli/commands/contracts.js';
import { vpComponent } from '../../src/vp/index.js';
import { callThroughHub } from '../../src/shared/soap/client.js';
import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import { startTestPlatform, TEST_OPERATOR_TOKEN, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { referenceDir, skipWithoutReference } from '../support/riv-reference.js';
import { manyEntriesZip, zerosZip } from './zip-bombs.js';

const BOMB_MIB = 1024;
const MANY_ENTRIES = 20_000;
/** A ratio limit deflate cannot reach (about 1032:1 at most): the bomb then runs into the expanded-size limit. */
const RATIO_OUT_OF_REACH = { 'contracts.importMaxRatio': 2000 };
/** Generous bounds for a slow, busy machine; the figures measured are printed. */
const RSS_GROWTH_BOUND_BYTES = 150 * 1024 * 1024;
const ROUTED_CALL_BOUND_MS = 500;
const MAX_CALLS_DURING_IMPORT = 5000;
/** The hub's first calls run cold (JIT); these are not measured. */
const WARM_UP_CALLS = 500;
const BASELINE_CALLS = 500;

/** Runs `work` while sampling RSS every 5 ms; returns its outcome and the peak growth over the RSS before it. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ outcome: T | unknown; growthBytes: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const outcome = await work().catch((e: unknown) => e);
    return { outcome, growthBytes: Math.max(peak, process.memoryUsage.rss()) - before };
  } finally {
    clearInterval(sampler);
  }
}

const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

function summary(latenciesMs: number[]): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number): string => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `${sorted.length} calls, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

describe('contract import of hostile zips: limits, nothing left behind, routing meanwhile', function () {
  this.timeout(60_000);
  let dir: string;
  let bomb: string;
  let many: string;

  /** A service importing into its own folder and unpacking into its own temp folder, both checked afterwards. */
  function freshService(limits: ImportLimits = importLimitsOf()): { service: ContractsService; contractsDir: string; tempDir: string } {
    const root = mkdtempSync(join(dir, 'case-'));
    const tempDir = join(root, 'tmp');
    mkdirSync(tempDir);
    const contractsDir = join(root, 'contracts');
    return { service: new ContractsService({ contractsDir, importLimits: limits, importTempDir: tempDir }), contractsDir, tempDir };
  }

  const leftovers = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String) : []);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-zip-bomb-test-'));
    bomb = join(dir, 'bomb.zip');
    writeFileSync(bomb, zerosZip('bomb/1.0/interactions/ZerosInteraction/Zeros.xsd', BOMB_MIB));
    many = join(dir, 'many.zip');
    writeFileSync(many, manyEntriesZip(MANY_ENTRIES));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a 1 MB zip expanding to 1 GiB by its compression ratio, naming the limit, with bounded RSS and nothing left behind', async () => {
    const { service, contractsDir, tempDir } = freshService();
    const { outcome, growthBytes } = await withPeakRss(() => service.importReleases(bomb));
    service.close();
    process.stdout.write(`      (1 GiB bomb refused by ratio: peak RSS growth ${mib(growthBytes)} MB)\n`);
    expect(outcome).to.be.instanceOf(ContractImportError);
    expect((outcome as Error).message).to.equal(`${bomb} expands to more than 100 times the archive bytes read (limit contracts.importMaxRatio); nothing was imported`);
    expect(growthBytes).to.be.below(RSS_GROWTH_BOUND_BYTES);
    expect(leftovers(tempDir)).to.deep.equal([]);
    expect(leftovers(contractsDir)).to.deep.equal([]);
  });

  it('refuses the same bomb by its expanded size when the ratio limit is out of reach, with bounded RSS and nothing left behind', async () => {
    const { service, contractsDir, tempDir } = freshService(importLimitsOf(RATIO_OUT_OF_REACH));
    const started = performance.now();
    const { outcome, growthBytes } = await withPeakRss(() => service.importReleases(bomb));
    service.close();
    process.stdout.write(`      (refused after 100 MiB expanded in ${(performance.now() - started).toFixed(0)} ms: peak RSS growth ${mib(growthBytes)} MB)\n`);
    expect((outcome as Error).message).to.equal(`${bomb} expands to more than 104857600 bytes (limit contracts.importMaxExpandedBytes); nothing was imported`);
    expect(growthBytes).to.be.below(RSS_GROWTH_BOUND_BYTES);
    expect(leftovers(tempDir)).to.deep.equal([]);
    expect(leftovers(contractsDir)).to.deep.equal([]);
  });

  it('refuses a zip of 20 000 empty entries by its entry count, with nothing left behind', async () => {
    const { service, contractsDir, tempDir } = freshService();
    const outcome = await service.importReleases(many).catch((e: unknown) => e);
    service.close();
    expect(outcome).to.be.instanceOf(ContractImportError);
    expect((outcome as Error).message).to.equal(`${many} holds more than 10000 entries (limit contracts.importMaxEntries); nothing was imported`);
    expect(leftovers(tempDir)).to.deep.equal([]);
    expect(leftovers(contractsDir)).to.deep.equal([]);
  });

  it('refuses an archive larger than the expanded-size limit before unpacking anything', async () => {
    const { service, tempDir } = freshService({ ...importLimitsOf(), maxExpandedBytes: 1000 });
    const outcome = await service.importReleases(bomb).catch((e: unknown) => e);
    service.close();
    expect((outcome as Error).message).to.equal(`${bomb} expands to more than 1000 bytes (limit contracts.importMaxExpandedBytes); nothing was imported`);
    expect(leftovers(tempDir)).to.deep.equal([]);
  });

  it('refuses a file that is not a zip, and leaves no temp folder', async () => {
    const notZip = join(dir, 'not-a.zip');
    writeFileSync(notZip, 'just text, no zip signature in here');
    const { service, tempDir } = freshService();
    const outcome = await service.importReleases(notZip).catch((e: unknown) => e);
    service.close();
    expect((outcome as Error).message).to.equal(`${notZip} is not a readable zip: no entries found`);
    expect(leftovers(tempDir)).to.deep.equal([]);
  });

  it('ntjp contracts import takes the limits as flags and refuses the zip with the limit named', async () => {
    const data = mkdtempSync(join(dir, 'cli-'));
    const outcome = await contractsCommand.run(['import', many, '--data', data, '--import-max-entries', '5']).catch((e: unknown) => e);
    expect(outcome).to.be.instanceOf(ContractImportError);
    expect((outcome as Error).message).to.equal(`${many} holds more than 5 entries (limit contracts.importMaxEntries); nothing was imported`);
    expect(leftovers(join(data, 'contracts'))).to.deep.equal([]);
  });

  it('still imports every published release zipped together within the default limits', async function () {
    skipWithoutReference(this);
    const ref = referenceDir()!;
    const files = readdirSync(ref, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const zip = join(dir, 'riv-reference.zip');
    writeFileSync(zip, zipSync(Object.fromEntries(files.map((e) => [relative(ref, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]))));
    const { service, tempDir } = freshService();
    const imported = await service.importReleases(zip);
    expect(imported).to.have.length(12);
    expect(imported.find((r) => r.domain === 'crm_scheduling')).to.include({ version: '1.1.1', files: 67 });
    expect(service.list().find((c) => c.namespace === CONTRACT.makeBooking)?.wsdlPath).to.equal('vp/crm/scheduling/MakeBooking/1/rivtabp21');
    service.close();
    expect(leftovers(tempDir)).to.deep.equal([]);
  });

  describe('through a running platform', () => {
    let producer: TestProducer;
    let p: TestPlatform;

    before(async () => {
      producer = await startProducer();
      const valid = { from: '2000-01-01', to: '2100-12-31' };
      const catalogue: CatalogueSnapshot = {
        version: 1,
        publishedAt: '2026-01-01T00:00:00Z',
        routes: [{ id: 1, logicalAddress: HSA.careUnit, namespace: CONTRACT.getSchedule, profile: 'RIVTABP21', url: producer.url, component: HSA.producerComponent, ...valid }],
        permissions: [{ id: 2, logicalAddress: HSA.careUnit, namespace: CONTRACT.getSchedule, consumer: HSA.consumer, filters: [], ...valid }],
        hsaUnits: [],
      };
      p = await startTestPlatform({ components: [vpComponent, contractsComponent], catalogue, settings: RATIO_OUT_OF_REACH });
    });
    after(async () => {
      await p?.close();
      await producer?.close();
    });

    it('keeps routing calls promptly while POST /api/contracts/import refuses the bomb', async () => {
      const caller = p.internalCaller(HSA.consumer);
      const routed = async (): Promise<number> => {
        const started = performance.now();
        const answer = await callThroughHub(caller, rivCall(HSA.careUnit));
        expect(answer.status).to.equal(200);
        return performance.now() - started;
      };
      for (let i = 0; i < WARM_UP_CALLS; i++) await routed();
      const baseline: number[] = [];
      for (let i = 0; i < BASELINE_CALLS; i++) baseline.push(await routed());
      let importing = true;
      const importStarted = performance.now();
      const refused = request(`${p.adminUrl}/api/contracts/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
        body: JSON.stringify({ path: bomb }),
      }).then(async (res) => ({ status: res.statusCode, body: (await res.body.json()) as { code: string; message: string } }));
      void refused.finally(() => (importing = false));
      const during: number[] = [];
      while (importing && during.length < MAX_CALLS_DURING_IMPORT) during.push(await routed());
      const answer = await refused;
      process.stdout.write(`      (import refused after ${(performance.now() - importStarted).toFixed(0)} ms; routed calls before: ${summary(baseline)}; during: ${summary(during)})\n`);
      expect(answer).to.deep.equal({ status: 400, body: { code: 'NTJP_ERR_CONTRACT_IMPORT', message: `${bomb} expands to more than 104857600 bytes (limit contracts.importMaxExpandedBytes); nothing was imported` } });
      expect(during.length).to.be.at.least(5);
      expect(Math.max(...during)).to.be.below(ROUTED_CALL_BOUND_MS);
    });
  });
});
