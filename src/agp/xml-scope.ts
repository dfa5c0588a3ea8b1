import type { XmlElement } from '../shared/xml/tree.js';

/**
 * A copy of `el` that also declares every namespace its ancestors declared, so it can be serialized on its
 * own (a producer record may use a prefix, or an `xsi:type` value, declared on its Envelope).
 */
export function detach(el: XmlElement, ancestors: readonly XmlElement[]): XmlElement {
  const nsDecls: Record<string, string> = {};
  for (const a of ancestors) Object.assign(nsDecls, a.nsDecls);
  return { ...el, nsDecls: { ...nsDecls, ...el.nsDecls } };
}
