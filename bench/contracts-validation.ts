/**
 * Contracts and validation. In-process: (1) the hub's per-call "which validation modes?" lookup with
 * 1 000 other contracts validated vs no rules at all (baseline, same run), (2) the cost of validating an EI
 * Update envelope, per KB, for growing sizes. Through the hub (separate producer, hub and load processes):
 * (3) throughput of a contract without validation while no rule exists vs while 1 000 other contracts and
 * EI Update have validation on, (4) the latency validation adds to an EI Update through the hub, per KB.
 * The schemas are the project's own (wsdl/platform), so no imported release is needed.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ContractsService, parseRule } from '../src/contracts/index.js';
import { startTsChild, type Child } from './support/child.js';
import { runLoad, type LoadResult } from './support/run-load.js';
import { report } from './support/report.js';

const LOOKUPS = 2_000_000;
const MAX_MS = 5_000;
const SIZES_TRANSACTIONS = [1, 10, 100, 1000];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PING = 'urn:bench:PingResponder:1';
const EI_UPDATE = 'urn:riv:itintegration:engagementindex:UpdateResponder:1';
const HUB_SIZES_TRANSACTIONS = [1, 100];

const transaction = (i: number): string =>
  `<u:engagementTransaction><c:deleteFlag>false</c:deleteFlag><c:engagement><c:registeredResidentIdentification>191212121212</c:registeredResidentIdentification><c:serviceDomain>riv:crm:scheduling</c:serviceDomain><c:categorization>NA</c:categorization><c:logicalAddress>SE2321000016-${i}</c:logicalAddress><c:businessObjectInstanceIdentifier>NA</c:businessObjectInstanceIdentifier><c:clinicalProcessInterestId>NA</c:clinicalProcessInterestId><c:sourceSystem>SE2321000016-S</c:sourceSystem><c:dataController>SE2321000016-D</c:dataController></c:engagement></u:engagementTransaction>`;
const update = (n: number, address = '5565594230'): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">${address}</LogicalAddress></s:Header><s:Body><u:Update xmlns:u="urn:riv:itintegration:engagementindex:UpdateResponder:1" xmlns:c="urn:riv:itintegration:engagementindex:1">${Array.from({ length: n }, (_, i) => transaction(i)).join('')}</u:Update></s:Body></s:Envelope>`;

function lookupsPerSecond(service: ContractsService, ns: string): number {
  const start = process.hrtime.bigint();
  let on = 0;
  for (let i = 0; i < LOOKUPS; i++) if (service.validationModes(ns)[i & 1 ? 'request' : 'response'] !== 'off') on++;
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (on !== 0) throw new Error('validation unexpectedly on');
  return LOOKUPS / s;
}

function inProcess(): void {
  const service = new ContractsService({ contractsDir: join(tmpdir(), 'ntjp-bench-no-imported-contracts') });
  const target = 'urn:riv:crm:scheduling:GetBookingDetailsResponder:1';
  const others = Array.from({ length: 1000 }, (_, i) => parseRule(`urn:riv:bench:C${i}Responder:1=both/strict`));
  const rows: string[] = ['| case | result | ratio to baseline |', '|---|---|---|'];
  lookupsPerSecond(service, target);
  const base = lookupsPerSecond(service, target);
  service.rules.replace(others);
  lookupsPerSecond(service, target);
  const withOthers = lookupsPerSecond(service, target);
  rows.push(`| off-check, no rules (baseline) | ${(base / 1e6).toFixed(1)} M checks/s | 1.00 |`);
  rows.push(`| off-check, 1 000 other contracts validated | ${(withOthers / 1e6).toFixed(1)} M checks/s | ${(withOthers / base).toFixed(2)} |`);
  service.validateXml(update(1));
  for (const n of SIZES_TRANSACTIONS) {
    const xml = update(n);
    const kb = Buffer.byteLength(xml) / 1024;
    const deadline = Date.now() + MAX_MS;
    let runs = 0;
    const start = process.hrtime.bigint();
    do {
      if (service.validateXml(xml).length !== 0) throw new Error('bench message invalid');
      runs++;
    } while (runs < 200 && Date.now() < deadline);
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
    rows.push(`| validate EI Update, ${n} transactions (${kb.toFixed(1)} KB) | ${ms.toFixed(3)} ms/message, ${(ms / kb * 1000).toFixed(1)} µs/KB | — |`);
  }
  service.close();
  process.stdout.write(rows.join('\n') + '\n');
}


type Hub = Child<{ httpPort: number }>;

/** Closed-loop load on the hub's HTTP listener as an internal caller, from its own process. */
async function loadHub(hub: Hub, body: string, connections: number): Promise<LoadResult> {
  return runLoad({
    url: `http://127.0.0.1:${hub.ready.httpPort}/vp`,
    body,
    headers: { 'content-type': 'text/xml; charset=UTF-8', 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': 'NTJP-EMULATOR-1' },
    connections,
    durationMs: SECONDS * 1000,
  });
}

function setRules(hub: Hub, rules: string[]): Promise<void> {
  return new Promise((resolve) => {
    hub.proc.once('message', () => resolve());
    hub.proc.send!({ rules });
  });
}

const ping = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">BENCH</LogicalAddress></s:Header><s:Body><Ping xmlns="${PING}"><data>${'x'.repeat(900)}</data></Ping></s:Body></s:Envelope>`;

async function throughHub(): Promise<void> {
  const producer = await startTsChild<{ port: number }>('./producer-process.ts', ['1024']);
  const hub: Hub = await startTsChild('./hub-process.ts', [String(producer.ready.port), JSON.stringify({ namespaces: [EI_UPDATE], contracts: true })], true);
  const others = Array.from({ length: 1000 }, (_, i) => `urn:riv:bench:C${i}Responder:1=both/strict`);
  const rows: Array<Record<string, string | number>> = [];
  const row = (what: string, connections: number, r: LoadResult, ratio?: number): void =>
    void rows.push({ case: what, connections, 'req/s': r.rps, 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, errors: r.errors, ratio: ratio === undefined ? '' : ratio.toFixed(2) });
  try {
    await setRules(hub, []);
    await loadHub(hub, ping, CONNECTIONS); // warm-up, not reported: the first run of a fresh hub is slower
    const off = await loadHub(hub, ping, CONNECTIONS);
    await setRules(hub, [...others, `${EI_UPDATE}=request/report`]);
    const othersOn = await loadHub(hub, ping, CONNECTIONS);
    await setRules(hub, []);
    const offAgain = await loadHub(hub, ping, CONNECTIONS);
    const baseline = (off.rps + offAgain.rps) / 2;
    row('Ping 1 KB, no rules (a, baseline: mean of before and after)', CONNECTIONS, off, off.rps / baseline);
    row('Ping 1 KB, 1 000 other contracts + EI Update validated (b)', CONNECTIONS, othersOn, othersOn.rps / baseline);
    row('Ping 1 KB, no rules again (a)', CONNECTIONS, offAgain, offAgain.rps / baseline);
    const perKb: string[] = [];
    for (const n of HUB_SIZES_TRANSACTIONS) {
      const body = update(n, 'BENCH');
      const kb = Buffer.byteLength(body) / 1024;
      await setRules(hub, []);
      const plain = await loadHub(hub, body, 1);
      await setRules(hub, [`${EI_UPDATE}=request/report`]);
      const validated = await loadHub(hub, body, 1);
      row(`EI Update ${n} tx (${kb.toFixed(1)} KB), validation off`, 1, plain);
      row(`EI Update ${n} tx (${kb.toFixed(1)} KB), request/report`, 1, validated, validated.rps / plain.rps);
      const addedMs = validated.p50Ms - plain.p50Ms;
      perKb.push(`${kb.toFixed(1)} KB: +${addedMs.toFixed(3)} ms median = ${((addedMs / kb) * 1000).toFixed(1)} µs/KB`);
    }
    const ratio = othersOn.rps / baseline;
    const noise = Math.abs(off.rps - offAgain.rps) / baseline;
    // "Unchanged within noise": (b) within 10 % of the bracket its two baseline runs make, not of their mean
    // alone, so a machine whose speed drifts during the run does not fail (or pass) it by chance.
    const [low, high] = [Math.min(off.rps, offAgain.rps), Math.max(off.rps, offAgain.rps)];
    const unchanged = othersOn.rps >= 0.9 * low && othersOn.rps <= 1.1 * high;
    report('Contracts: hub throughput with and without validation rules', rows, [
      [`(b)/(a) = ${ratio.toFixed(2)} with a run-to-run spread of the baseline of ${(noise * 100).toFixed(1)} % (bar: (b) within 10 % of the two (a) runs: ${Math.round(0.9 * low)}–${Math.round(1.1 * high)} req/s)`, unchanged],
      [`latency validation adds to an EI Update through the hub: ${perKb.join('; ')}`, true],
      ['no errors under load', rows.every((r) => r.errors === 0)],
    ]);
  } finally {
    await hub.stop();
    await producer.stop();
  }
}

export async function run(): Promise<void> {
  inProcess();
  await throughHub();
}
