import type { SaxesTagNS } from 'saxes';
import { BoundedSaxParser, DEFAULT_XML_LIMITS, XmlParseError, type XmlLimits } from './limits.js';

export { XmlParseError };

/** A namespace-aware element: the light tree every component reads SOAP messages into. */
export interface XmlElement {
  /** local name */
  name: string;
  /** namespace URI ('' when none) */
  ns: string;
  prefix: string;
  /** attributes by qualified name as written (e.g. `xsi:type`) */
  attrs: Record<string, string>;
  /** namespace declarations made on this element, prefix ('' = default) → URI */
  nsDecls: Record<string, string>;
  children: XmlElement[];
  /** concatenated character data directly inside this element */
  text: string;
}

export interface ParseOptions {
  /** refuse documents larger than this many characters (default 16 MiB) */
  maxChars?: number;
  /** nesting, element, attribute and namespace declaration limits (default DEFAULT_XML_LIMITS) */
  limits?: XmlLimits;
}

const DEFAULT_MAX_CHARS = 16 * 1024 * 1024;

/**
 * Creates a saxes parser that refuses any DOCTYPE: with no DTD processing at all, XXE and entity
 * expansion (billion laughs) cannot happen; the limits bound the rest (limits.ts). Shared by every reader.
 */
export function createSafeSaxParser(limits: XmlLimits = DEFAULT_XML_LIMITS): BoundedSaxParser {
  const parser = new BoundedSaxParser(limits);
  parser.on('doctype', () => {
    throw new XmlParseError('DOCTYPE is not allowed');
  });
  return parser;
}

/** A childless element from a saxes open tag (also used by the hub's streaming envelope reader). */
export function elementFromTag(tag: SaxesTagNS): XmlElement {
  const attrs: Record<string, string> = {};
  const nsDecls: Record<string, string> = {};
  for (const [qname, a] of Object.entries(tag.attributes)) {
    if (qname === 'xmlns') nsDecls[''] = a.value;
    else if (qname.startsWith('xmlns:')) nsDecls[qname.slice(6)] = a.value;
    else attrs[qname] = a.value;
  }
  return { name: tag.local, ns: tag.uri, prefix: tag.prefix, attrs, nsDecls, children: [], text: '' };
}

/** Parses a whole document into an element tree. Throws XmlParseError on any malformation, XmlLimitError beyond a limit. */
export function parseXml(input: string | Buffer, opts: ParseOptions = {}): XmlElement {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.length > (opts.maxChars ?? DEFAULT_MAX_CHARS)) throw new XmlParseError('document too large');
  const parser = createSafeSaxParser(opts.limits);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el = elementFromTag(tag);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string): void => {
    const cur = stack[stack.length - 1];
    if (cur) cur.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlParseError) throw e;
    throw new XmlParseError((e as Error).message);
  }
  if (failure) throw new XmlParseError(failure.message);
  if (!root) throw new XmlParseError('no root element');
  return root;
}

/** First child with this local name (and namespace, when given). */
export function child(el: XmlElement | undefined, name: string, ns?: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** Every child with this local name (and namespace, when given). */
export function children(el: XmlElement | undefined, name: string, ns?: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns)) : [];
}

/** Text of the first child with this local name, or undefined when there is no such child. */
export function childText(el: XmlElement | undefined, name: string, ns?: string): string | undefined {
  return child(el, name, ns)?.text;
}

/** Follows a path of local names: `path(env, 'Body', 'FindContent', 'serviceDomain')`. */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}
