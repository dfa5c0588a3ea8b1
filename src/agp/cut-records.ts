import type { SaxesTagNS } from 'saxes';
import { NS } from '../shared/soap/namespaces.js';
import { escapeAttribute } from '../shared/xml/serialize.js';
import { createSafeSaxParser } from '../shared/xml/tree.js';
import type { XmlLimits } from '../shared/xml/limits.js';

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

const NAME_CHAR = /[\w.\-]/;

/** `prefix:` occurs in the text, not as the end of a longer name (`s:` in `xsi:`). */
function mentions(text: string, prefix: string): boolean {
  const needle = `${prefix}:`;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) if (i === 0 || !NAME_CHAR.test(text[i - 1]!)) return true;
  return false;
}

/**
 * The declarations to add to a cut record: every prefix declared on its ancestors and not on itself that its
 * text may use (`p:` occurs in it: an element, an attribute or an `xsi:type` value), and the default namespace
 * (or its absence).
 * Declaring one more than needed is harmless; missing one would break the record.
 */
function inheritedDeclarations(text: string, own: SaxesTagNS['ns'], scopes: ReadonlyArray<ReadonlyArray<[string, string]>>, rendered: Map<string, string>): string {
  const inherited = new Map<string, string>();
  for (const scope of scopes) for (const [prefix, uri] of scope) if (!(prefix in own!) && (prefix === '' || mentions(text, prefix))) inherited.set(prefix, uri);
  // No default namespace in scope: unprefixed descendants are in none, and must stay so inside the merged
  // answer, whose root declares the contract's namespace as default.
  if (!('' in own!) && !inherited.has('')) inherited.set('', '');
  const key = [...inherited.keys()].join(' ');
  let decls = rendered.get(key);
  if (decls === undefined) {
    decls = '';
    for (const [prefix, uri] of inherited) decls += ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(uri)}"`;
    rendered.set(key, decls);
  }
  return decls;
}

/**
 * Cuts the payload's list elements (`names` in namespace `ns`) out of a producer's answer as text, each with
 * the namespace declarations it needs from its ancestors (Envelope, Body, payload) re-declared on it so that
 * it stands alone. Malformed XML, a DOCTYPE or an answer beyond an XML limit gives `not-soap`. Merging is
 * then string concatenation: no record is parsed into a tree or serialized again (docs/benchmarks.md,
 * "Aggregating services (AgP)").
 */
export function cutRecords(xml: string, names: readonly string[], ns: string, limits?: XmlLimits): ScannedAnswer {
  const parser = createSafeSaxParser(limits);
  const records = new Map<string, string[]>(names.map((n) => [n, []]));
  /** namespace declarations of the open elements down to the payload (prefix → URI) */
  const scopes: Array<Array<[string, string]>> = [];
  /** declaration strings by the prefixes they declare: the records of one answer mostly need the same ones */
  const rendered = new Map<string, string>();
  let depth = 0;
  let inBody = false;
  let inPayload = false;
  let payload: { ns: string; name: string } | undefined;
  let record: { tag: SaxesTagNS; start: number } | undefined;
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth > RECORD_DEPTH) return;
    if (depth === 1 && (tag.local !== 'Envelope' || tag.uri !== NS.soap11)) failed = true;
    else if (depth === BODY_DEPTH) inBody = tag.local === 'Body' && tag.uri === NS.soap11;
    else if (depth === PAYLOAD_DEPTH) {
      inPayload = inBody && !payload;
      if (inPayload) payload = { ns: tag.uri, name: tag.local };
    }
    if (depth < RECORD_DEPTH) scopes[depth - 1] = Object.entries(tag.ns!);
    // At this event the parser stands just after the start tag's `>`; `<` cannot occur inside a tag.
    else if (inPayload && tag.uri === ns && records.has(tag.local)) record = { tag, start: xml.lastIndexOf('<', parser.position - 1) };
  });
  parser.on('closetag', () => {
    if (depth === RECORD_DEPTH && record) {
      const nameEnd = record.start + 1 + record.tag.name.length;
      const text = xml.slice(record.start, parser.position);
      records.get(record.tag.local)!.push(text.slice(0, nameEnd - record.start) + inheritedDeclarations(text, record.tag.ns, scopes, rendered) + text.slice(nameEnd - record.start));
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
