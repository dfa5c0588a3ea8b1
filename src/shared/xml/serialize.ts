import type { XmlElement } from './tree.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text content: `&`, `<` and `>` (which `]]>` needs). Quotes stay plain, as the real platform's
 * serializers write them, so a vendor's raw-text assertion on `"` matches.
 */
export function escapeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

/** Escapes an attribute value, quotes included. */
export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Writes an element back as XML, declaring every namespace it uses that is not in `inScope`
 * (prefix → URI). Used to move producer records into a merged answer with their namespaces intact.
 */
export function serializeXml(el: XmlElement, inScope: Record<string, string> = {}): string {
  const scope = { ...inScope };
  const decls: Record<string, string> = {};
  const declare = (prefix: string, uri: string): void => {
    if (scope[prefix] !== uri) {
      scope[prefix] = uri;
      decls[prefix] = uri;
    }
  };
  for (const [p, u] of Object.entries(el.nsDecls)) declare(p, u);
  declare(el.prefix, el.ns);
  for (const q of Object.keys(el.attrs)) {
    const i = q.indexOf(':');
    if (i > 0) {
      const p = q.slice(0, i);
      if (p !== 'xml' && scope[p] === undefined) throw new Error(`attribute ${q} uses an undeclared prefix`);
    }
  }
  const qname = el.prefix ? `${el.prefix}:${el.name}` : el.name;
  let out = '<' + qname;
  for (const [p, u] of Object.entries(decls)) out += p ? ` xmlns:${p}="${escapeAttribute(u)}"` : ` xmlns="${escapeAttribute(u)}"`;
  for (const [q, v] of Object.entries(el.attrs)) out += ` ${q}="${escapeAttribute(v)}"`;
  if (el.children.length === 0 && el.text === '') return out + '/>';
  out += '>';
  if (el.children.length === 0) out += escapeXml(el.text);
  else for (const c of el.children) out += serializeXml(c, scope);
  return out + `</${qname}>`;
}
