import { expect } from 'chai';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { scanPrefix } from '../../src/vp/steps/prefix-scan.js';
import { readEnvelope } from '../../src/vp/steps/read-envelope.js';
import { readPrefixText } from '../../src/vp/steps/prefix-reader.js';
import { VpFault } from '../../src/vp/faults.js';
import type { HubDeps, VpExchange } from '../../src/vp/exchange.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../src/shared/xml/limits.js';
import { HSA, rivCall } from '../support/soap.js';
import { editedRequest, fuzzRuns } from '../support/xml-fuzz.js';
import { manyAttributes, manyDeclarations, nested, siblings } from '../support/xml-shapes.js';

const isUtf8 = (name: string): boolean => /^(?:utf-?8|us-ascii)$/i.test(name);
const SMALL: XmlLimits = { maxDepth: 6, maxElements: 25, maxAttributes: 3, maxNamespaceDeclarations: 5 };
const LIMITS = fc.constantFrom(DEFAULT_XML_LIMITS, SMALL);
/** The bytes before the first cut: the XML declaration arrives whole, as the charset detection expects. */
const FIRST_CHUNK_MIN = 64;

const BASES = [
  rivCall(HSA.careUnit),
  rivCall(HSA.careUnit, { profile: 'RIVTABP20' }),
  rivCall(HSA.careUnit, { extraHeaders: ['<x:Other xmlns:x="urn:o" s:a="1"><x:In>t</x:In></x:Other>'] }).replace('<soapenv:Envelope ', '<soapenv:Envelope xmlns:s="urn:s" '),
  rivCall(HSA.careUnit, { extraHeaders: [nested(3), siblings(3)] }),
  rivCall(HSA.careUnit, { extraHeaders: [nested(5)] }),
  rivCall(HSA.careUnit, { extraHeaders: [manyAttributes(3), manyDeclarations(2, 1)] }),
  rivCall(HSA.careUnit, { inner: nested(20) }),
  rivCall(HSA.careUnit).replace('<?xml version="1.0" encoding="UTF-8"?>', ''),
];

type Outcome = { namespace: string; logicalAddress: string | undefined; profile: string | undefined } | { fault: string };

/**
 * The hub's reading step over a request arriving in these chunks: what it found, or its VP015 detail
 * without the position saxes puts first (for text outside the root it names where a chunk ended).
 */
async function readChunks(chunks: Buffer[], limits: XmlLimits): Promise<Outcome> {
  const ex = { headers: { 'content-length': String(chunks.reduce((n, c) => n + c.length, 0)) }, req: Readable.from(chunks) } as unknown as VpExchange;
  const hub = { config: { maxBodyBytes: 15 * 1024 * 1024, xmlLimits: limits } } as unknown as HubDeps;
  try {
    await readEnvelope(ex, hub);
  } catch (e) {
    if (e instanceof VpFault && e.vpCode === 'VP015') return { fault: e.details.replace(/^(The request could not be read properly\. )\d+:\d+: /, '$1') };
    throw e;
  }
  const { namespace, logicalAddress, profile } = ex.envelope!;
  return { namespace, logicalAddress, profile };
}

/** The request cut at these places (each at least FIRST_CHUNK_MIN in). */
function cut(bytes: Buffer, places: number[]): Buffer[] {
  const span = bytes.length - FIRST_CHUNK_MIN;
  if (span <= 0) return [bytes];
  const at = [...new Set(places.map((p) => FIRST_CHUNK_MIN + (p % span)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length)).filter((c) => c.length > 0);
}

describe('hub envelope reader under fuzzing (fast-check)', function () {
  this.timeout(60000);

  it('the fast prefix scan never throws, and whatever it reads the saxes reader reads the same, within any limits', () => {
    let scanned = 0;
    fc.assert(
      fc.property(editedRequest(BASES), LIMITS, (text, limits) => {
        const fast = scanPrefix(text, isUtf8, limits);
        if (fast === undefined) return;
        scanned++;
        expect(fast).to.deep.equal(readPrefixText(text, limits));
      }),
      fuzzRuns(3000),
    );
    // Edits outside the part read leave many requests usual: the comparison really ran.
    expect(scanned).to.be.greaterThan(300);
  });

  it('the reading step gives the same envelope or the same VP015 (position aside) however the request is cut into chunks, and no other error', async () => {
    await fc.assert(
      fc.asyncProperty(editedRequest(BASES), LIMITS, fc.array(fc.nat(), { maxLength: 4 }), async (text, limits, places) => {
        const bytes = Buffer.from(text);
        expect(await readChunks(cut(bytes, places), limits)).to.deep.equal(await readChunks([bytes], limits));
      }),
      fuzzRuns(600),
    );
  });
});
