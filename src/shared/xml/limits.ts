/**
 * Limits on the shape of one XML message (nesting depth, elements, attributes per element, namespace
 * declarations), applied by every XML reader of the platform so that the work done on any input is bounded,
 * and the saxes parser they all read with.
 */
import { SaxesParser, type EventName, type EventNameToHandler, type SaxesAttributeNS, type SaxesStartTagNS, type SaxesTagNS } from 'saxes';
import type { Settings } from '../../config/load.js';

export interface XmlLimits {
  /** elements open at once */
  maxDepth: number;
  /** elements in the whole message */
  maxElements: number;
  /** attributes written on one element, namespace declarations included */
  maxAttributes: number;
  /** namespace declarations in the whole message */
  maxNamespaceDeclarations: number;
}

/** The settings' defaults (docs/configuration.md says why each is safe for legitimate messages). */
export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = {
  maxDepth: 256,
  maxElements: 1_000_000,
  maxAttributes: 256,
  maxNamespaceDeclarations: 100_000,
};

/** The setting of each limit (in the platform's settings group). */
export const XML_LIMIT_SETTINGS: Readonly<Record<keyof XmlLimits, string>> = {
  maxDepth: 'platform.xmlMaxDepth',
  maxElements: 'platform.xmlMaxElements',
  maxAttributes: 'platform.xmlMaxAttributes',
  maxNamespaceDeclarations: 'platform.xmlMaxNamespaceDeclarations',
};

export function xmlLimitsFrom(settings: Settings): XmlLimits {
  const limits = { ...DEFAULT_XML_LIMITS };
  for (const [field, key] of Object.entries(XML_LIMIT_SETTINGS) as Array<[keyof XmlLimits, string]>) {
    if (settings[key] !== undefined) limits[field] = settings[key] as number;
  }
  return limits;
}

export class XmlParseError extends Error {
  readonly code: string = 'NTJP_ERR_XML';
}

/** A message beyond one of the limits; its text names the limit, e.g. `XML nesting deeper than 256`. */
export class XmlLimitError extends XmlParseError {
  override readonly code = 'NTJP_ERR_XML_LIMIT';
}

/** The refusal text of each limit. */
const BEYOND: Readonly<Record<keyof XmlLimits, (limit: number) => string>> = {
  maxDepth: (n) => `XML nesting deeper than ${n}`,
  maxElements: (n) => `XML with more than ${n} elements`,
  maxAttributes: (n) => `XML element with more than ${n} attributes`,
  maxNamespaceDeclarations: (n) => `XML with more than ${n} namespace declarations`,
};

/** Throws the refusal of `limit` when `count` is beyond it. */
function checkLimit(limits: XmlLimits, limit: keyof XmlLimits, count: number): void {
  if (count > limits[limit]) throw new XmlLimitError(BEYOND[limit](limits[limit]));
}

/** `xmlns` or `xmlns:p`: an attribute that declares a namespace. */
export const isNamespaceDeclaration = (qname: string): boolean => qname === 'xmlns' || qname.startsWith('xmlns:');

/**
 * Reads a text only to hold it to the limits, for the readers that are not saxes (libxml2, xmldom) and would
 * do the unbounded work themselves. Malformed XML is left to that reader; beyond a limit, XmlLimitError.
 */
export function checkXmlLimits(text: string, limits: XmlLimits): void {
  const parser = new BoundedSaxParser(limits);
  parser.on('error', () => undefined);
  parser.write(text).close();
}

type NsOptions = { xmlns: true; position: true };
type Tag = SaxesStartTagNS | SaxesTagNS;

/** The prefixes bound without a declaration (XML Namespaces 1.0 §3). */
const PREDEFINED = new Map([
  ['xml', 'http://www.w3.org/XML/1998/namespace'],
  ['xmlns', 'http://www.w3.org/2000/xmlns/'],
]);

/**
 * A namespace-aware saxes parser that counts as it reads and throws XmlLimitError out of `write` at the
 * first tag start or attribute beyond a limit, before that element's namespaces are resolved. It also
 * resolves a prefix in constant time (saxes walks up every open element, so a message of many elements
 * nested near the depth limit would still cost depth × elements). It keeps the `opentagstart` and
 * `attribute` events for itself; a reader's `opentag` and `closetag` handlers run after its own.
 */
export class BoundedSaxParser extends SaxesParser<NsOptions> {
  private depth = 0;
  private elements = 0;
  private attributes = 0;
  private declarations = 0;
  /** the element whose start tag is being read: saxes puts its declarations in its `ns` as it reads them */
  private opening: SaxesStartTagNS | undefined;
  /** the URIs each prefix is bound to by the open elements, innermost last */
  private readonly bound = new Map<string, string[]>();

  constructor(private readonly limits: XmlLimits) {
    super({ xmlns: true, position: true });
    super.on('opentagstart', (tag) => {
      checkLimit(this.limits, 'maxDepth', ++this.depth);
      checkLimit(this.limits, 'maxElements', ++this.elements);
      this.attributes = 0;
      this.opening = tag;
    });
    super.on('attribute', (a) => {
      checkLimit(this.limits, 'maxAttributes', ++this.attributes);
      if (isNamespaceDeclaration((a as SaxesAttributeNS).name)) checkLimit(this.limits, 'maxNamespaceDeclarations', ++this.declarations);
    });
    super.on('opentag', (tag) => this.enterElement(tag));
    super.on('closetag', (tag) => this.leaveElement(tag));
  }

  override resolve(prefix: string): string | undefined {
    const own = this.opening?.ns[prefix];
    if (own !== undefined) return own;
    const outer = this.bound.get(prefix);
    return outer && outer.length > 0 ? outer[outer.length - 1] : PREDEFINED.get(prefix);
  }

  override on<N extends EventName>(name: N, handler: EventNameToHandler<NsOptions, N>): void {
    if (name === 'opentagstart' || name === 'attribute') throw new Error(`BoundedSaxParser keeps the ${name} event for its limits`);
    if (name !== 'opentag' && name !== 'closetag') return super.on(name, handler);
    const own = name === 'opentag' ? this.enterElement : this.leaveElement;
    const reader = handler as (tag: SaxesTagNS) => void;
    super.on(name as 'opentag', (tag) => {
      own.call(this, tag);
      reader(tag);
    });
  }

  private enterElement(tag: Tag): void {
    // for…in: most elements declare nothing, and tag.ns has no prototype.
    for (const prefix in tag.ns) {
      const uris = this.bound.get(prefix);
      if (uris) uris.push(tag.ns[prefix]!);
      else this.bound.set(prefix, [tag.ns[prefix]!]);
    }
  }

  private leaveElement(tag: Tag): void {
    this.depth--;
    for (const prefix in tag.ns) this.bound.get(prefix)!.pop();
  }
}
