/**
 * The hub's fast path for reading a request prefix (docs/vp.md, "What happens to a call"): a hand-written
 * scan of the usual request shape, about ten times cheaper than the saxes reader (docs/benchmarks.md,
 * "Where the time goes").
 * It accepts only a plain subset of XML that saxes accepts too and reads the same way: ASCII only, no `\r`
 * (saxes would normalize it), no references, comments, processing instructions, CDATA or DOCTYPE, names
 * without exotic characters, every prefix bound, at most 32 prefixes bound at once, within the XML limits.
 * On anything else, and on a prefix the chunk cuts off, it answers undefined and the saxes reader decides
 * (with its exact error for malformed XML or a limit passed, DOCTYPE refused).
 */
import { NS } from '../../shared/soap/namespaces.js';
import type { RivProfile } from '../../shared/soap/envelope.js';
import { DEFAULT_XML_LIMITS, isNamespaceDeclaration, type XmlLimits } from '../../shared/xml/limits.js';

export interface ScannedPrefix {
  namespace: string;
  logicalAddress: string | undefined;
  profile: RivProfile | undefined;
  /** [start, end) of Header's content; undefined for `<Header/>` or no Header */
  headerContent: { start: number; end: number } | undefined;
}

const ADDRESS_PROFILE: Readonly<Record<string, RivProfile>> = { To: 'RIVTABP20', LogicalAddress: 'RIVTABP21' };

/** The profile a Header element (any namespace, matched on local name) gives when it carries the receiver. */
export const addressProfile = (local: string): RivProfile | undefined => (Object.hasOwn(ADDRESS_PROFILE, local) ? ADDRESS_PROFILE[local] : undefined);

const QNAME = '[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?';
const XML_DECL = /<\?xml version=(["'])1\.0\1(?: encoding=(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?: standalone=(["'])(?:yes|no)\4)?[ \t\n]*\?>/y;
const OPEN_NAME = new RegExp(`<(${QNAME})`, 'y');
const ATTRIBUTE = new RegExp(`[ \\t\\n]+(${QNAME})[ \\t\\n]*=[ \\t\\n]*(?:"([^"<&\\t\\n\\r]*)"|'([^'<&\\t\\n\\r]*)')`, 'y');
const TAG_END = /[ \t\n]*(\/?)>/y;
const CLOSE_TAG = new RegExp(`</(${QNAME})[ \\t\\n]*>`, 'y');
const SPACE_ONLY = /^[ \t\n]*$/;
/** Outside the subset: non-ASCII, control characters but tab and newline, `\r`, references, `]]>`. */
const UNUSUAL = /[^\t\n\x20-\x7e]|&|\]\]>/;
/** Namespaces no prefix may be bound to (XML Namespaces 1.0 §3); saxes refuses such declarations. */
const RESERVED_URIS = new Set(['http://www.w3.org/XML/1998/namespace', 'http://www.w3.org/2000/xmlns/']);

/**
 * Prefixes in scope that the scan still walks: a usual request binds a handful. Past this many, resolving by
 * walking the chain would grow with bindings × elements; the parser's resolution does not.
 */
const MAX_BINDINGS = 32;

/** Namespace bindings in scope, innermost first: a chain, so an element without declarations shares its parent's. */
interface Scope {
  readonly prefix: string;
  readonly uri: string;
  readonly outer: Scope | undefined;
  /** bindings in the chain, this one included */
  readonly size: number;
}

interface Open {
  qname: string;
  scope: Scope | undefined;
}

/** The URI a prefix is bound to; undefined when unbound ('' for no default namespace). */
function resolve(scope: Scope | undefined, prefix: string): string | undefined {
  for (let b = scope; b; b = b.outer) if (b.prefix === prefix) return b.uri;
  return prefix === '' ? '' : undefined;
}

function split(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** The element's scope with its declarations; null when its attributes are outside the subset. */
function scopeWith(outer: Scope | undefined, attrs: string[]): Scope | undefined | null {
  let scope = outer;
  let prefixed: string | undefined;
  for (let i = 0; i < attrs.length; i += 2) {
    const qname = attrs[i]!;
    const value = attrs[i + 1]!;
    for (let j = 0; j < i; j += 2) if (attrs[j] === qname) return null;
    const [prefix, local] = split(qname);
    if (qname === 'xmlns' || prefix === 'xmlns') {
      const declared = qname === 'xmlns' ? '' : local;
      // saxes trims a declared URI: one with spaces is left to it.
      if (declared === 'xml' || declared === 'xmlns' || RESERVED_URIS.has(value) || (declared !== '' && value === '') || value.includes(' ')) return null;
      if ((scope?.size ?? 0) >= MAX_BINDINGS) return null;
      scope = { prefix: declared, uri: value, outer: scope, size: (scope?.size ?? 0) + 1 };
    } else if (prefix !== '') {
      // One prefixed attribute can not clash with another by expanded name; more are left to saxes.
      if (prefixed !== undefined) return null;
      prefixed = prefix;
    }
  }
  return prefixed !== undefined && resolve(scope, prefixed) === undefined ? null : scope;
}

/**
 * Reads the prefix up to the end of the first element inside Body, or answers undefined (see above).
 * `encodingOk` judges the XML declaration's encoding like the saxes reader does.
 */
export function scanPrefix(text: string, encodingOk: (name: string) => boolean, limits: XmlLimits = DEFAULT_XML_LIMITS): ScannedPrefix | undefined {
  let pos = 0;
  XML_DECL.lastIndex = 0;
  const decl = XML_DECL.exec(text);
  if (decl) {
    if (decl[3] !== undefined && !encodingOk(decl[3])) return undefined;
    pos = XML_DECL.lastIndex;
  }
  const stack: Open[] = [];
  let sawHeader = false;
  let inBody = false;
  let headerStart = 0;
  let headerContent: ScannedPrefix['headerContent'];
  let logicalAddress: string | undefined;
  let profile: RivProfile | undefined;
  /** the open address element's depth and text, while inside one */
  let addressDepth = 0;
  let addressText = '';
  let elements = 0;
  let declarations = 0;
  // Each round consumes at least one character.
  for (let round = 0; round < text.length; round++) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return undefined;
    if (lt > pos) {
      if (stack.length === 0 && !SPACE_ONLY.test(text.slice(pos, lt))) return undefined;
      if (addressDepth > 0) addressText += text.slice(pos, lt);
    }
    pos = lt;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      CLOSE_TAG.lastIndex = lt;
      const close = CLOSE_TAG.exec(text);
      const top = stack.pop();
      // Envelope or Body closing before the first Body child: not a usual request.
      if (!close || !top || close[1] !== top.qname || stack.length === 0 || (stack.length === 1 && inBody)) return undefined;
      pos = CLOSE_TAG.lastIndex;
      if (stack.length === 1) headerContent = { start: headerStart, end: lt };
      else if (addressDepth === stack.length + 1) {
        logicalAddress = addressText;
        profile = addressProfile(split(top.qname)[1]);
        addressDepth = 0;
      }
      continue;
    }
    OPEN_NAME.lastIndex = lt;
    const open = OPEN_NAME.exec(text);
    if (!open || ++elements > limits.maxElements || stack.length >= limits.maxDepth) return undefined;
    /** qualified name, value, qualified name, value, … */
    const attrs: string[] = [];
    ATTRIBUTE.lastIndex = OPEN_NAME.lastIndex;
    for (let a = ATTRIBUTE.exec(text); a; a = ATTRIBUTE.exec(text)) {
      attrs.push(a[1]!, a[2] ?? a[3]!);
      if (attrs.length > 2 * limits.maxAttributes) return undefined;
      if (isNamespaceDeclaration(a[1]!) && ++declarations > limits.maxNamespaceDeclarations) return undefined;
      TAG_END.lastIndex = ATTRIBUTE.lastIndex;
    }
    if (attrs.length === 0) TAG_END.lastIndex = OPEN_NAME.lastIndex;
    const end = TAG_END.exec(text);
    if (!end) return undefined;
    pos = TAG_END.lastIndex;
    const selfClosing = end[1] === '/';
    const qname = open[1]!;
    const scope = attrs.length === 0 ? stack[stack.length - 1]?.scope : scopeWith(stack[stack.length - 1]?.scope, attrs);
    if (scope === null) return undefined;
    const [prefix, local] = split(qname);
    const uri = resolve(scope, prefix);
    if (uri === undefined || addressDepth > 0) return undefined;
    const depth = stack.length + 1;
    if (depth === 1) {
      if (local !== 'Envelope' || uri !== NS.soap11 || selfClosing) return undefined;
    } else if (depth === 2) {
      if (uri !== NS.soap11) return undefined;
      if (local === 'Header' && !sawHeader && !inBody) {
        sawHeader = true;
        headerStart = pos;
      } else if (local === 'Body' && !inBody && !selfClosing) inBody = true;
      else return undefined;
    } else if (inBody) {
      if (UNUSUAL.test(text.slice(0, pos))) return undefined;
      return { namespace: uri, logicalAddress, profile, headerContent };
    } else if (addressProfile(local)) {
      if (selfClosing) {
        logicalAddress = '';
        profile = addressProfile(local);
      } else {
        addressDepth = depth;
        addressText = '';
      }
    }
    if (!selfClosing) stack.push({ qname, scope });
  }
  return undefined;
}
