/**
 * Step 7, RIV-TA bridging (docs/vp.md, "What happens to a call"): when the route's profile differs from the
 * call's, BP 2.0 `wsa:To` becomes BP 2.1 `LogicalAddress` or back. Only the Header part of the prefix is
 * rewritten (its children re-serialized; whitespace and comments between them are dropped); the payload
 * streams through untouched.
 */
import type { RivProfile } from '../../shared/soap/envelope.js';
import { NS } from '../../shared/soap/namespaces.js';
import { serializeXml } from '../../shared/xml/serialize.js';
import type { XmlElement } from '../../shared/xml/tree.js';
import type { XmlLimits } from '../../shared/xml/limits.js';
import { vpFault } from '../faults.js';
import type { EnvelopePrefix, HubDeps, VpExchange } from '../exchange.js';
import { readHeaderTree } from './prefix-reader.js';

interface Conversion {
  fromNs: string;
  toNs: string;
  rename: Record<string, string>;
}

const CONVERSIONS: Record<string, Conversion> = {
  'RIVTABP20>RIVTABP21': { fromNs: NS.wsa, toNs: NS.registry1, rename: { To: 'LogicalAddress' } },
  'RIVTABP21>RIVTABP20': { fromNs: NS.registry1, toNs: NS.wsa, rename: { LogicalAddress: 'To' } },
};

function convertElement(el: XmlElement, c: Conversion): XmlElement {
  const children = el.children.map((ch) => convertElement(ch, c));
  if (el.ns !== c.fromNs) return { ...el, children };
  const nsDecls = { ...el.nsDecls };
  for (const [p, uri] of Object.entries(nsDecls)) if (uri === c.fromNs) delete nsDecls[p];
  return { ...el, ns: c.toNs, name: c.rename[el.name] ?? el.name, nsDecls, children };
}

/** The prefix with its Header content converted; the bytes after the Header are kept as they came. */
export function convertPrefix(env: EnvelopePrefix, c: Conversion, limits: XmlLimits): Buffer {
  const span = env.headerContent;
  if (!span || span.end < span.start) throw new Error('no Header content to convert');
  const tree = readHeaderTree(env.text, limits);
  const header = tree.children.map((ch) => serializeXml(convertElement(ch, c), tree.scope)).join('');
  const tailOffset = Buffer.byteLength(env.text.slice(0, span.end));
  return Buffer.concat([Buffer.from(env.text.slice(0, span.start) + header), env.bytes.subarray(tailOffset)]);
}

export function bridgeRivProfile(ex: VpExchange, hub: HubDeps): void {
  const env = ex.envelope!;
  const target = ex.route!.profile.toUpperCase() as RivProfile;
  if (!env.profile) throw vpFault('VP001');
  ex.outProfile = target;
  if (env.profile === target) {
    ex.outPrefix = env.bytes;
    return;
  }
  const conversion = CONVERSIONS[`${env.profile}>${target}`];
  if (!conversion) throw vpFault('VP005', env.profile.toLowerCase());
  try {
    ex.outPrefix = convertPrefix(env, conversion, hub.config.xmlLimits);
  } catch (e) {
    throw vpFault('VP012', `RIV-TA conversion ${env.profile} to ${target} failed: ${(e as Error).message}`);
  }
}
