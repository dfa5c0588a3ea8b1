/**
 * The RIV payload as the caller wrote it: the bytes of the first Body element, not a re-serialisation, so
 * a signed `intyg` (or any whitespace a signature covers) reaches the SHS or SSEK receiver unchanged.
 * Namespace prefixes the payload takes from the Envelope or Body are declared on its start tag.
 */
import { NS } from '../shared/soap/namespaces.js';
import { escapeXml } from '../shared/xml/serialize.js';
import type { ParsedEnvelope } from '../shared/soap/envelope.js';
import { child, type XmlElement } from '../shared/xml/tree.js';

/** Prefixes (and the default namespace) the payload's own subtree uses. */
function usedPrefixes(el: XmlElement, out = new Set<string>()): Set<string> {
  out.add(el.prefix);
  for (const q of Object.keys(el.attrs)) if (q.includes(':')) out.add(q.slice(0, q.indexOf(':')));
  for (const c of el.children) usedPrefixes(c, out);
  return out;
}

export function rawPayload(raw: string, env: ParsedEnvelope): string {
  const body = child(env.envelope, 'Body', NS.soap11)!;
  const payload = env.payload!;
  const tag = body.prefix ? `${body.prefix}:Body` : 'Body';
  const close = raw.lastIndexOf(`</${tag}>`);
  const open = new RegExp(`<${tag}[\\s>/]`, 'g');
  let start = -1;
  for (let m = open.exec(raw); m && m.index < close; m = open.exec(raw)) start = m.index;
  if (start < 0 || close < 0) throw new Error('the Body element could not be found in the request text');
  const inner = raw.slice(raw.indexOf('>', start) + 1, close);
  const first = inner.indexOf('<' + (payload.prefix ? `${payload.prefix}:` : '') + payload.name);
  const text = inner.slice(first).trimEnd();
  const inherited = { ...env.envelope.nsDecls, ...body.nsDecls };
  const missing = [...usedPrefixes(payload)].filter((p) => p !== 'xml' && inherited[p] !== undefined && !text.slice(0, text.indexOf('>')).includes(p ? `xmlns:${p}=` : 'xmlns='));
  if (missing.length === 0) return text;
  const nameEnd = 1 + (payload.prefix ? payload.prefix.length + 1 : 0) + payload.name.length;
  const decls = missing.map((p) => (p ? ` xmlns:${p}="${escapeXml(inherited[p]!)}"` : ` xmlns="${escapeXml(inherited[p]!)}"`)).join('');
  return text.slice(0, nameEnd) + decls + text.slice(nameEnd);
}
