import type { SaxesTagNS } from 'saxes';
import { NS } from '../shared/soap/namespaces.js';
import { escapeXml } from '../shared/xml/serialize.js';
import { createSafeSaxParser } from '../shared/xml/tree.js';

/** A producer's answer read in one streaming pass, without building a tree. */
export type ScannedAnswer =
  | { kind: 'payload'; ns: string; name: string; records: Map<string, string[]> }
  | { kind: 'fault' }
  | { kind: 'empty-body' }
  | { kind: 'not-soap' };

/** Depths in a SOAP answer: Envelope, Body, the payload, its children (the records). */
const BODY_DEPTH = 2;
const PAYLOAD_DEPTH = 3;
const RECORD_DEPTH = 4;

/** Prefixes an element uses: its own, its attributes', and an `xsi:type` value's (a QName in text). */
function notePrefixes(tag: SaxesTagNS, used: Set<string>): void {
  used.add(tag.prefix);
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix && a.prefix !== 'xmlns') used.add(a.prefix);
    if (a.local === 'type' && a.uri === NS.xsi) used.add(a.value.includes(':') ? a.value.slice(0, a.value.indexOf(':')) : '');
  }
}

/**
 * Cuts the payload's list elements (`names` in namespace `ns`) out of a producer's answer as text, each with
 * the namespace declarations it uses from its ancestors (Envelope, Body, payload) re-declared on it so that it stands
 * alone. Malformed XML or a DOCTYPE gives `not-soap`. Merging is then string concatenation: no record is
 * parsed into a tree or serialized again (the fan-out's CPU cost, docs/benchmarks.md § Aggregating services).
 */
export function cutRecords(xml: string, names: readonly string[], ns: string): ScannedAnswer {
  const parser = createSafeSaxParser();
  const records = new Map<string, string[]>(names.map((n) => [n, []]));
  /** namespace declarations of the open elements down to the payload (prefix → URI) */
  const scopes: Array<Array<[string, string]>> = [];
  let depth = 0;
  let inBody = false;
  let inPayload = false;
  let payload: { ns: string; name: string } | undefined;
  let tagStart = 0;
  let record: { name: string; start: number; nameEnd: number; own: Set<string>; used: Set<string> } | undefined;
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentagstart', () => {
    tagStart = xml.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth === 1 && (tag.local !== 'Envelope' || tag.uri !== NS.soap11)) failed = true;
    if (depth === BODY_DEPTH) inBody = tag.local === 'Body' && tag.uri === NS.soap11;
    if (depth === PAYLOAD_DEPTH) {
      inPayload = inBody && !payload;
      if (inPayload) payload = { ns: tag.uri, name: tag.local };
    }
    if (depth < RECORD_DEPTH) {
      scopes[depth - 1] = Object.entries(tag.ns);
      return;
    }
    if (depth === RECORD_DEPTH && inPayload && tag.uri === ns && records.has(tag.local)) {
      record = { name: tag.local, start: tagStart, nameEnd: tagStart + 1 + tag.name.length, own: new Set(Object.keys(tag.ns)), used: new Set() };
    }
    if (record) notePrefixes(tag, record.used);
  });
  parser.on('closetag', () => {
    if (depth === RECORD_DEPTH && record) {
      const inherited = new Map<string, string>();
      for (const scope of scopes) for (const [prefix, uri] of scope) if (record.used.has(prefix) && !record.own.has(prefix)) inherited.set(prefix, uri);
      const decls = [...inherited].map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeXml(uri)}"`).join('');
      records.get(record.name)!.push(xml.slice(record.start, record.nameEnd) + decls + xml.slice(record.nameEnd, parser.position));
      record = undefined;
    }
    if (depth <= PAYLOAD_DEPTH) scopes.length = depth - 1;
    depth--;
  });
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  if (failed) return { kind: 'not-soap' };
  if (!payload) return { kind: 'empty-body' };
  if (payload.name === 'Fault' && payload.ns === NS.soap11) return { kind: 'fault' };
  return { kind: 'payload', ...payload, records };
}
