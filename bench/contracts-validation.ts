/**
 * Contracts and validation (issue 7): (1) the hub's per-call "is validation on?" check with 1 000 other
 * contracts validated vs no rules at all (baseline, same run), (2) the cost of validating a message, per KB,
 * for EI Update envelopes of growing size. Loopback-free: validation is in-process. Reads the published
 * schemas from NTJP_RIV_REFERENCE (default ../shared/riv-reference) and skips when they are absent.
 */
import { ContractsService, parseRule } from '../src/contracts/index.js';
import { referenceDir } from '../test/support/riv-reference.js';

const LOOKUPS = 2_000_000;
const MAX_MS = 5_000;
const SIZES_TRANSACTIONS = [1, 10, 100, 1000];

const transaction = (i: number): string =>
  `<u:engagementTransaction><c:deleteFlag>false</c:deleteFlag><c:engagement><c:registeredResidentIdentification>191212121212</c:registeredResidentIdentification><c:serviceDomain>riv:crm:scheduling</c:serviceDomain><c:categorization>NA</c:categorization><c:logicalAddress>SE2321000016-${i}</c:logicalAddress><c:businessObjectInstanceIdentifier>NA</c:businessObjectInstanceIdentifier><c:clinicalProcessInterestId>NA</c:clinicalProcessInterestId><c:sourceSystem>SE2321000016-S</c:sourceSystem><c:dataController>SE2321000016-D</c:dataController></c:engagement></u:engagementTransaction>`;
const update = (n: number): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">5565594230</LogicalAddress></s:Header><s:Body><u:Update xmlns:u="urn:riv:itintegration:engagementindex:UpdateResponder:1" xmlns:c="urn:riv:itintegration:engagementindex:1">${Array.from({ length: n }, (_, i) => transaction(i)).join('')}</u:Update></s:Body></s:Envelope>`;

function lookupsPerSecond(service: ContractsService, ns: string): number {
  const start = process.hrtime.bigint();
  let on = 0;
  for (let i = 0; i < LOOKUPS; i++) if (service.validationModes(ns)[i & 1 ? 'request' : 'response'] !== 'off') on++;
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (on !== 0) throw new Error('validation unexpectedly on');
  return LOOKUPS / s;
}

export async function run(): Promise<void> {
  const dir = referenceDir();
  if (!dir) {
    process.stdout.write('skipped: RIV-TA reference schemas not found (set NTJP_RIV_REFERENCE)\n');
    return;
  }
  const service = new ContractsService({ contractsDir: dir });
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
