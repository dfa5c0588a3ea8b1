/**
 * Soak: `npm run bench -- soak [--seconds N]` (default 180, at most 600). Mixed traffic through the hub from
 * `SOAK_CONCURRENCY` (8) closed-loop callers: routed calls of three contracts (two over mTLS, one as an
 * internal caller over HTTP), the aggregated GetSubjectOfCareSchedule, EI Update and FindContent and the
 * TAK registry's GetLogicalAddresseesByServiceContract, and 10 % hostile requests, each with the answer it
 * must get. Reports per window (30 s, shorter for short runs) the p50/p99/max latency of the ordinary calls
 * and the platform's RSS, then every kind of request with the answers that were not the expected one.
 * `SOAK_NESTING_DEPTH` (2000) sets the depth of the deep-nesting request.
 * Verdicts: RSS (and heap used) flat after warm-up, and no unexpected answer. Warm-up (JIT, connection pools, the hub's
 * traffic log filling) lasts until the window in which the calls sent reach twice the traffic log's 10 000,
 * so that the log has been filled and replaced once; flat means the mean RSS of the second half of the
 * windows after warm-up is at most max(10 %, 20 MiB) above the mean of the first half. Processes:
 * booking systems and a producer answering anything (bench/support), the platform
 * (bench/support/soak-platform-process.ts) and this one. Loopback only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request, type Dispatcher } from 'undici';
import { CONSUMER, PATIENT, PLATFORM, PRODUCER_SYSTEM, updatePayload } from '../test/agp/platform.js';
import { SCHEDULING_DOMAIN, scheduleRequest } from '../test/agp/fixtures.js';
import { initDevPki, issueSystemCertificate, readIdentity } from '../src/pki/index.js';
import { EI_NS } from '../src/ei/index.js';
import { rivRequest } from '../src/shared/soap/envelope.js';
import { HEADER, SOAP_CONTENT_TYPE } from '../src/shared/soap/namespaces.js';
import { REGISTRY_NS } from '../src/tak/registry-namespaces.js';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import { MAKE_BOOKING_NS, MAX_BODY_BYTES, PING_NS, PING_UNIT, TRAFFIC_LOG_CALLS } from './support/soak-setup.js';
import { report } from './support/report.js';

const DEFAULT_SECONDS = 180;
const MIN_SECONDS = 30;
const MAX_SECONDS = 600;
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const MAX_REQUESTS = 5_000_000;
const BOOKING_SYSTEMS = 5;
const SLOTS_PER_SYSTEM = 5;
const PRODUCER_DELAY_MS = 2;
const RSS_SLACK = { ratio: 0.1, bytes: 20 * 1024 * 1024 };
/**
 * Far deeper than any envelope needs. Kept moderate on purpose: on 2026-12-07 the hub spent about 12 s on a
 * Header 20 000 deep (and routed it), which would leave the rest of the mix unmeasured.
 */
const NESTING_DEPTH = Number(process.env.SOAK_NESTING_DEPTH ?? 2000);

interface PlatformReady {
  hubHttpsUrl: string;
  hubHttpUrl: string;
  instanceId: string;
  certsDir: string;
  units: string[];
}

/** What came back: the HTTP status (0 = no HTTP answer), the VP fault code if any, and what went wrong if nothing came. */
interface Answer {
  status: number;
  fault: string | undefined;
  body: string;
  error?: string;
}

interface Kind {
  name: string;
  /** per mille of all requests */
  weight: number;
  hostile: boolean;
  /** the answer it must get, in words */
  expected: string;
  send(): Promise<Answer>;
  ok(a: Answer): boolean;
}

function secondsFrom(flags: string[]): number {
  const at = flags.indexOf('--seconds');
  const seconds = at >= 0 ? Number(flags[at + 1]) : DEFAULT_SECONDS;
  if (!Number.isFinite(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new Error(`--seconds must be ${MIN_SECONDS}–${MAX_SECONDS}, got ${flags[at + 1]}`);
  return seconds;
}

async function post(url: string, body: string, dispatcher: Dispatcher, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    const res = await request(url, { method: 'POST', body, dispatcher, headers: { 'content-type': SOAP_CONTENT_TYPE, ...headers } });
    const text = await res.body.text();
    return { status: res.statusCode, fault: /<faultstring>(VP\d{3})/.exec(text)?.[1], body: text };
  } catch (e) {
    return { status: 0, fault: undefined, body: '', error: (e as { code?: string }).code ?? (e as Error).message };
  }
}

const envelope = (header: string, body: string): string =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>${header}</soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const logicalAddress = (address: string): string => `<LogicalAddress xmlns="urn:riv:itintegration:registry:1">${address}</LogicalAddress>`;
const ping = `<Ping xmlns="${PING_NS}"><data>soak</data></Ping>`;

/** Every kind of request with its weight; ordinary ones 900 ‰, hostile ones 100 ‰. */
function kinds(p: PlatformReady, agents: { consumer: Agent; foreign: Agent; internal: Agent }): Kind[] {
  const hub = (body: string, headers?: Record<string, string>): Promise<Answer> => post(p.hubHttpsUrl, body, agents.consumer, headers);
  const internal = (sender: string, body: string): Promise<Answer> => post(p.hubHttpUrl, body, agents.internal, { [HEADER.senderId]: sender, [HEADER.instanceId]: p.instanceId });
  const success = (a: Answer): boolean => a.status === 200 && a.fault === undefined;
  const fault = (...codes: string[]) => (a: Answer): boolean => a.status === 500 && a.fault !== undefined && codes.includes(a.fault);
  let update = 0;
  return [
    { name: 'routed GetSubjectOfCareSchedule (mTLS)', weight: 250, hostile: false, expected: '200', send: () => hub(rivRequest(p.units[0]!, scheduleRequest())), ok: success },
    { name: 'routed bench Ping (mTLS)', weight: 200, hostile: false, expected: '200', send: () => hub(rivRequest(PING_UNIT, ping)), ok: success },
    {
      name: 'routed MakeBooking (internal caller, HTTP)',
      weight: 100,
      hostile: false,
      expected: '200',
      send: () => internal(CONSUMER, rivRequest(PING_UNIT, `<MakeBooking xmlns="${MAKE_BOOKING_NS}"><healthcare_facility>${PING_UNIT}</healthcare_facility></MakeBooking>`)),
      ok: success,
    },
    {
      name: `aggregated GetSubjectOfCareSchedule (${BOOKING_SYSTEMS} sources)`,
      weight: 100,
      hostile: false,
      expected: `200 with ${BOOKING_SYSTEMS * SLOTS_PER_SYSTEM} timeslots`,
      send: () => hub(rivRequest(PLATFORM, scheduleRequest()), { [HEADER.originalConsumer]: CONSUMER }),
      ok: (a) => success(a) && (a.body.match(/<timeslotDetail[ >]/g)?.length ?? 0) === BOOKING_SYSTEMS * SLOTS_PER_SYSTEM,
    },
    {
      name: 'EI Update (one engagement of a fixed set)',
      weight: 100,
      hostile: false,
      expected: '200 ResultCode OK',
      send: () => internal(PRODUCER_SYSTEM, rivRequest(PLATFORM, updatePayload([{ logicalAddress: p.units[update++ % p.units.length]!, serviceDomain: SCHEDULING_DOMAIN, categorization: '' }]))),
      ok: (a) => success(a) && a.body.includes('>OK<'),
    },
    {
      name: 'EI FindContent',
      weight: 100,
      hostile: false,
      expected: '200',
      send: () => hub(rivRequest(PLATFORM, `<f:FindContent xmlns:f="${EI_NS.findContent}"><f:registeredResidentIdentification>${PATIENT}</f:registeredResidentIdentification><f:serviceDomain>${SCHEDULING_DOMAIN}</f:serviceDomain></f:FindContent>`)),
      ok: success,
    },
    {
      name: 'TAK GetLogicalAddresseesByServiceContract',
      weight: 50,
      hostile: false,
      expected: '200',
      send: () =>
        hub(rivRequest(PLATFORM, `<GetLogicalAddresseesByServiceContract xmlns="${REGISTRY_NS.logicalAddressees}" xmlns:core="${REGISTRY_NS.registryCore}"><serviceConsumerHsaId>${CONSUMER}</serviceConsumerHsaId><serviceContractNameSpace><core:ServiceContractNamespace>${PING_NS}</core:ServiceContractNamespace></serviceContractNameSpace></GetLogicalAddresseesByServiceContract>`)),
      ok: success,
    },
    { name: 'hostile: malformed XML', weight: 14, hostile: true, expected: 'VP015', send: () => hub(envelope(logicalAddress(PING_UNIT).replace('</LogicalAddress>', '</Logical>'), ping)), ok: fault('VP015') },
    {
      name: `hostile: ${NESTING_DEPTH} nested elements in the Header`,
      weight: 14,
      hostile: true,
      expected: 'VP015',
      send: () => hub(envelope('<n>'.repeat(NESTING_DEPTH) + '</n>'.repeat(NESTING_DEPTH) + logicalAddress(PING_UNIT), ping)),
      ok: fault('VP015'),
    },
    { name: 'hostile: 512 KiB logical address', weight: 14, hostile: true, expected: 'VP015 or VP004', send: () => hub(envelope(logicalAddress('S'.repeat(512 * 1024)), ping)), ok: fault('VP015', 'VP004') },
    {
      name: `hostile: body over the ${MAX_BODY_BYTES / 1048576} MiB limit`,
      weight: 14,
      hostile: true,
      expected: 'VP015',
      send: () => hub(envelope(logicalAddress(PING_UNIT), `<Ping xmlns="${PING_NS}"><data>${'x'.repeat(MAX_BODY_BYTES + 256 * 1024)}</data></Ping>`)),
      ok: fault('VP015'),
    },
    {
      name: 'hostile: DOCTYPE with nested entities',
      weight: 14,
      hostile: true,
      expected: 'VP015',
      send: () => hub(`<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` + envelope(logicalAddress('&c;'), ping)),
      ok: fault('VP015'),
    },
    {
      name: 'hostile: client certificate of a foreign CA',
      weight: 14,
      hostile: true,
      expected: 'TLS handshake refused (no HTTP answer)',
      send: () => post(p.hubHttpsUrl, rivRequest(PING_UNIT, ping), agents.foreign),
      ok: (a) => a.status === 0,
    },
    { name: 'hostile: unknown contract', weight: 16, hostile: true, expected: 'VP004', send: () => hub(rivRequest(PING_UNIT, '<Unknown xmlns="urn:riv:soak:UnknownResponder:1"/>')), ok: fault('VP004') },
  ];
}

interface Window {
  /** requests sent by the end of this window, since the start */
  sentByEnd: number;
  ordinaryMs: number[];
  hostile: number;
  rssBytes: number;
  heapBytes: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The platform's RSS and heap used, after a full GC. */
function memory(platform: Child<PlatformReady>): Promise<{ rss: number; heapUsed: number }> {
  return new Promise((resolve) => {
    platform.proc.once('message', (m) => resolve(m as { rss: number; heapUsed: number }));
    platform.proc.send!('rss');
  });
}

export async function run(flags: string[] = []): Promise<void> {
  const seconds = secondsFrom(flags);
  const windowSeconds = Math.min(30, Math.max(5, Math.floor(seconds / 6)));
  const foreignDir = mkdtempSync(join(tmpdir(), 'ntjp-bench-soak-foreign-ca-'));
  const started: Array<{ stop(): Promise<void> }> = [];
  const keep = <C extends { stop(): Promise<void> }>(child: C): C => (started.push(child), child);
  try {
    const bookings = keep(await startTsChild<{ ports: number[] }>('./agp-producers-process.ts', [String(BOOKING_SYSTEMS), String(SLOTS_PER_SYSTEM), String(PRODUCER_DELAY_MS)]));
    const pinger = keep(await startTsChild<{ port: number }>('./producer-process.ts', ['1024']));
    const platformScript = new URL('./support/soak-platform-process.ts', import.meta.url).pathname;
    const platformArgs = [JSON.stringify({ schedulePorts: bookings.ready.ports, pingPort: pinger.ready.port })];
    const platform = keep(await startNodeChild<PlatformReady>(['--expose-gc', '--import', 'tsx', platformScript, ...platformArgs], true));
    const consumer = readIdentity(platform.ready.certsDir, CONSUMER);
    // The consumer's own HSA-id, but issued by a CA the hub does not trust.
    initDevPki(foreignDir);
    issueSystemCertificate(foreignDir, CONSUMER);
    const foreign = readIdentity(foreignDir, CONSUMER);
    const agents = {
      consumer: new Agent({ connections: CONCURRENCY, connect: { cert: consumer.cert, key: consumer.key, ca: consumer.ca } }),
      foreign: new Agent({ connect: { cert: foreign.cert, key: foreign.key, ca: consumer.ca } }),
      internal: new Agent({ connections: CONCURRENCY }),
    };
    const table = kinds(platform.ready, agents);
    const tally = new Map(table.map((k) => [k.name, { sent: 0, unexpected: 0, first: '' }]));
    const windows: Window[] = [];
    let current: Window = { sentByEnd: 0, ordinaryMs: [], hostile: 0, rssBytes: 0, heapBytes: 0 };
    // A fixed pseudo-random sequence (LCG), so runs send the same mix.
    let seed = 20261207;
    const pick = (): Kind => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      let at = Math.floor((seed / 2 ** 31) * 1000);
      for (const k of table) if ((at -= k.weight) < 0) return k;
      return table[0]!;
    };
    const deadline = performance.now() + seconds * 1000;
    let sent = 0;
    const caller = async (): Promise<void> => {
      while (performance.now() < deadline && sent++ < MAX_REQUESTS) {
        const kind = pick();
        const t0 = performance.now();
        const answer = await kind.send();
        const ms = performance.now() - t0;
        const t = tally.get(kind.name)!;
        t.sent++;
        if (!kind.ok(answer)) {
          t.unexpected++;
          t.first ||= `${answer.status} ${answer.fault ?? answer.error ?? /<(?:\w+:)?Body>\s*<([\w:]+)/.exec(answer.body)?.[1] ?? answer.body.slice(0, 80)}`;
        }
        if (kind.hostile) current.hostile++;
        else current.ordinaryMs.push(ms);
      }
    };
    const callers = Array.from({ length: CONCURRENCY }, () => caller());
    const windowTimer = setInterval(() => {
      const done = current;
      done.sentByEnd = sent;
      current = { sentByEnd: 0, ordinaryMs: [], hostile: 0, rssBytes: 0, heapBytes: 0 };
      windows.push(done);
      void memory(platform).then((m) => ([done.rssBytes, done.heapBytes] = [m.rss, m.heapUsed]));
    }, windowSeconds * 1000);
    await Promise.all(callers);
    clearInterval(windowTimer);
    // The calls still answering at the deadline make a last window of a few ms: they count in the one before.
    const last = windows.at(-1);
    if (last && current.ordinaryMs.length + current.hostile < 0.05 * (last.ordinaryMs.length + last.hostile)) {
      last.ordinaryMs.push(...current.ordinaryMs);
      last.hostile += current.hostile;
      current = last;
    } else windows.push(current);
    current.sentByEnd = sent;
    const end = await memory(platform);
    [current.rssBytes, current.heapBytes] = [end.rss, end.heapUsed];
    await Promise.all(Object.values(agents).map((a) => a.close()));

    const mb = (bytes: number): number => bytes / 1048576;
    const warmUp = windows.findIndex((w) => w.sentByEnd >= 2 * TRAFFIC_LOG_CALLS) + 1 || windows.length;
    const rows = windows.map((w, i) => {
      const sorted = [...w.ordinaryMs].sort((a, b) => a - b);
      return {
        window: `${i + 1}${i < warmUp ? ' (warm-up)' : ''}`,
        'ordinary calls': sorted.length,
        'hostile calls': w.hostile,
        'p50 ms': percentile(sorted, 50),
        'p99 ms': percentile(sorted, 99),
        'max ms': sorted.at(-1) ?? 0,
        'platform RSS MB': mb(w.rssBytes),
        'heap used MB': mb(w.heapBytes),
      };
    });
    const steady = windows.slice(warmUp);
    const half = Math.floor(steady.length / 2);
    /** The rule for RSS, applied to heap used as well (RSS also moves with the allocator's free pages). */
    const flat = (what: string, bytes: (w: Window) => number): [string, boolean] => {
      if (half === 0) return [`${what} flat after warm-up: not judged, ${steady.length} window(s) after warm-up (2 needed): run longer`, false];
      const mean = (ws: Window[]): number => ws.reduce((n, w) => n + bytes(w), 0) / ws.length;
      const [early, late] = [mean(steady.slice(0, half)), mean(steady.slice(steady.length - half))];
      const allowed = Math.max(early * RSS_SLACK.ratio, RSS_SLACK.bytes);
      return [`${what} flat after warm-up: mean ${mb(late).toFixed(1)} MB over the last ${half} window(s) vs ${mb(early).toFixed(1)} MB over the first ${half} after warm-up (bar: at most ${mb(allowed).toFixed(1)} MB more, max(10 %, 20 MiB))`, late - early <= allowed];
    };
    const unexpected = [...tally.values()].reduce((n, t) => n + t.unexpected, 0);
    const total = [...tally.values()].reduce((n, t) => n + t.sent, 0);
    report(`Soak: ${seconds} s of mixed traffic through the hub, ${CONCURRENCY} callers, ${windowSeconds} s windows`, rows, [
      flat('RSS', (w) => w.rssBytes),
      flat('heap used', (w) => w.heapBytes),
      [`every request got its expected answer: ${total - unexpected} of ${total} (${unexpected} unexpected; by kind below)`, unexpected === 0],
    ]);
    report(
      'Soak: requests by kind',
      table.map((k) => {
        const t = tally.get(k.name)!;
        return { kind: k.name, expected: k.expected, sent: t.sent, unexpected: t.unexpected, 'first unexpected answer': t.first };
      }),
      [],
    );
  } finally {
    for (const child of started.reverse()) await child.stop();
    rmSync(foreignDir, { recursive: true, force: true });
  }
}
