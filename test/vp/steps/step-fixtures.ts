/**
 * What a hub step's unit test needs: a minimal exchange, the hub's dependencies with a catalogue compiled
 * from `catalogue-fixtures.ts` and the default settings, a consumer request as a stream, and a check of
 * the exact fault a step throws.
 */
import { Readable } from 'node:stream';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { expect } from 'chai';
import { loadSettings, type Settings } from '../../../src/config/load.js';
import { platformSettings } from '../../../src/platform/settings.js';
import { createLogger, silentLogger, type Logger } from '../../../src/shared/log.js';
import type { CertificateSender } from '../../../src/vp/certificate-senders.js';
import { compileCatalogue } from '../../../src/vp/catalogue-index.js';
import type { EnvelopePrefix, HubDeps, VpExchange } from '../../../src/vp/exchange.js';
import { VpFault, type VpFaultCode } from '../../../src/vp/faults.js';
import { hubConfig, type HubConfig } from '../../../src/vp/hub-config.js';
import { vpSettings } from '../../../src/vp/settings.js';
import { readPrefixText } from '../../../src/vp/steps/prefix-reader.js';
import type { HsaUnit, PermissionEntry, RouteEntry } from '../../../src/tak/snapshot.js';
import { snapshot } from '../catalogue-fixtures.js';

/** The day every exchange of these tests is on (inside the fixtures' 2000–2100 validity). */
export const TODAY = '2026-06-01';
export const NOW = new Date(`${TODAY}T12:00:00Z`);

export interface FakeHub {
  /** setting keys over the defaults, as a config file would give them */
  settings?: Settings;
  /** fields over the config read from the settings */
  config?: Partial<HubConfig>;
  /** the catalogue; omitted = no catalogue yet */
  catalogue?: { routes?: RouteEntry[]; permissions?: PermissionEntry[]; hsaUnits?: HsaUnit[] };
  /** the parsed client certificates, by their text */
  certificates?: Record<string, CertificateSender>;
  log?: Logger;
  platformServices?: HubDeps['platformServices'];
  /** the contracts component's hooks (traffic validation); omitted = none registered */
  contracts?: HubDeps['contracts'];
}

const NOT_A_CERTIFICATE: CertificateSender = { trustedIssuer: false, validFromMs: NaN, validToMs: NaN };

export function fakeHub(o: FakeHub = {}): HubDeps & { certificateReads: string[] } {
  const settings = { ...loadSettings([platformSettings, vpSettings], { argv: [], env: {}, cwd: process.cwd() }), ...o.settings };
  const index = o.catalogue && compileCatalogue(snapshot(o.catalogue.routes ?? [], o.catalogue.permissions ?? [], o.catalogue.hsaUnits ?? []));
  const certificateReads: string[] = [];
  return {
    config: { ...hubConfig(settings), ...o.config },
    catalogue: () => index,
    senderFromCertificate: (text) => {
      certificateReads.push(text);
      return o.certificates?.[text] ?? NOT_A_CERTIFICATE;
    },
    clock: () => NOW,
    log: o.log ?? silentLogger,
    platformServices: o.platformServices,
    contracts: o.contracts,
    certificateReads,
  };
}

/** A logger that keeps each line it writes as the parsed JSON record. */
export function recordingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { log: createLogger('debug', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)), lines };
}

/** A consumer request that sends `chunks`, each as its own 'data' event, then ends unless told not to. */
export function requestStream(chunks: (string | Buffer)[], o: { end?: boolean } = {}): IncomingMessage & Readable {
  const stream = Object.assign(new Readable({ read: () => undefined }), { complete: false });
  stream.once('end', () => (stream.complete = true));
  for (const chunk of chunks) stream.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  if (o.end !== false) stream.push(null);
  return stream as unknown as IncomingMessage & Readable;
}

/** What read-envelope leaves for a whole request in `xml` (read with the saxes reader). */
export function envelopeOf(xml: string): EnvelopePrefix {
  const { namespace, logicalAddress, profile, headerContent } = readPrefixText(xml);
  const bytes = Buffer.from(xml);
  return { namespace, logicalAddress, profile, headerContent, bytes, text: xml, rawLength: bytes.length, complete: true, sourceEncoding: undefined, sourceDecoder: undefined };
}

export type ExchangeFields = Partial<VpExchange> & { headers?: IncomingHttpHeaders };

/** An exchange as the pipeline starts it, with the given fields (those of earlier steps included). */
export function fakeExchange(o: ExchangeFields = {}): VpExchange {
  const headers = o.headers ?? {};
  return {
    correlationId: 'test-correlation-id',
    listener: 'http',
    req: o.req ?? requestStream([]),
    headers,
    peerIp: '127.0.0.1',
    date: TODAY,
    startedAt: 0n,
    ...o,
  };
}

/** Runs a step and checks that it threw exactly this fault (code and detail). */
export async function expectFault(step: () => unknown, code: VpFaultCode, details: string): Promise<void> {
  let thrown: unknown;
  try {
    await step();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'the step should have thrown a fault').to.be.instanceOf(VpFault);
  expect({ code: (thrown as VpFault).vpCode, details: (thrown as VpFault).details }).to.deep.equal({ code, details });
}
