/**
 * The saxes reading of a request's prefix, up to the first element inside Body: the slow path beside the
 * fast scan (prefix-scan.ts), and the one that collects Header's children for the profile conversion.
 */
import type { SaxesTagNS } from 'saxes';
import { createSafeSaxParser, elementFromTag, type XmlElement } from '../../shared/xml/tree.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../shared/xml/limits.js';
import { NS } from '../../shared/soap/namespaces.js';
import { addressProfile, type ScannedPrefix } from './prefix-scan.js';

/** Header's children and the namespaces in scope inside Header (for the profile conversion). */
export interface HeaderTree {
  children: XmlElement[];
  scope: Record<string, string>;
}

/** Thrown from inside the parser to stop at the first Body child. */
const FOUND = Symbol('first Body child');
const UTF8 = /^(?:utf-?8|us-ascii)$/i;
export const isUtf8 = (name: string): boolean => UTF8.test(name);
/** Why a declared encoding is refused for UTF-8 bytes (undefined: it is read). */
export const refuseUnlessUtf8 = (name: string): string | undefined =>
  isUtf8(name) ? undefined : `encoding ${name} is not supported; send UTF-8 or a single-byte encoding such as ISO-8859-1`;

/**
 * Saxes event handling for the prefix: a small state machine over depth; the Header tree only on request.
 * `encodingError` words why a declared encoding is refused, or answers undefined for one that is read.
 */
export function prefixReader(parse: ReturnType<typeof createSafeSaxParser>, encodingError: (name: string) => string | undefined, tree?: HeaderTree) {
  const found: ScannedPrefix = { namespace: '', logicalAddress: undefined, profile: undefined, headerContent: undefined };
  let depth = 0;
  let section: 'Header' | 'Body' | undefined;
  const headerStack: XmlElement[] = [];
  let addressText: string | undefined;
  let text = '';
  parse.on('xmldecl', (d) => {
    const refused = d.encoding ? encodingError(d.encoding) : undefined;
    if (refused) throw new Error(refused);
  });
  parse.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth === 1) {
      if (tag.local !== 'Envelope' || tag.uri !== NS.soap11) throw new Error(`not a SOAP 1.1 envelope: {${tag.uri}}${tag.local}`);
      if (tree) tree.scope = { ...elementFromTag(tag).nsDecls };
    } else if (depth === 2 && tag.uri === NS.soap11 && (tag.local === 'Header' || tag.local === 'Body')) {
      section = tag.local;
      if (section === 'Header') {
        if (tree) Object.assign(tree.scope, elementFromTag(tag).nsDecls);
        if (!tag.isSelfClosing) found.headerContent = { start: parse.position, end: parse.position };
      }
    } else if (section === 'Body' && depth === 3) {
      found.namespace = tag.uri;
      throw FOUND;
    } else if (section === 'Header') {
      if (tree) {
        const el = elementFromTag(tag);
        (headerStack[headerStack.length - 1]?.children ?? tree.children).push(el);
        headerStack.push(el);
      }
      if (addressProfile(tag.local)) addressText = '';
    }
  });
  const onText = (t: string): void => {
    const el = headerStack[headerStack.length - 1];
    if (el) el.text += t;
    if (addressText !== undefined) addressText += t;
  };
  parse.on('text', onText);
  parse.on('cdata', onText);
  parse.on('closetag', (tag) => {
    if (section === 'Header' && depth >= 3) {
      headerStack.pop();
      const profile = addressProfile(tag.local);
      if (profile && addressText !== undefined) {
        found.logicalAddress = addressText;
        found.profile = profile;
        addressText = undefined;
      }
    } else if (depth === 2) {
      if (section === 'Header' && found.headerContent) found.headerContent.end = text.lastIndexOf('<', parse.position - 1);
      section = undefined;
    }
    depth--;
  });
  return {
    found,
    write(chunk: string): boolean {
      text += chunk;
      try {
        parse.write(chunk);
      } catch (e) {
        if (e === FOUND) return true;
        throw e;
      }
      return false;
    },
    close(): void {
      parse.close();
    },
    text: () => text,
  };
}

/**
 * The saxes reading of a whole prefix text (the slow path, in one piece); with `tree`, Header's children
 * and scope are collected into it. Throws on malformed XML, beyond a limit and on a text without a Body
 * payload element.
 */
export function readPrefixText(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS, tree?: HeaderTree): ScannedPrefix {
  const reader = prefixReader(createSafeSaxParser(limits), refuseUnlessUtf8, tree);
  if (!reader.write(text)) throw new Error('the prefix has no Body payload element');
  return reader.found;
}

/** Header's children and scope, read again from a prefix's text (only the profile conversion needs them). */
export function readHeaderTree(text: string, limits: XmlLimits): HeaderTree {
  const tree: HeaderTree = { children: [], scope: {} };
  readPrefixText(text, limits, tree);
  return tree;
}
