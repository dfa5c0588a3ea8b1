/**
 * Reads an HSA tree: JSON `[{hsaId, parent?, name?}]`, or the HSA XML the real VP reads
 * (`urn:riv:hsa:HsaWsResponder:3` hsaUnit{hsaIdentity, DN}; the parent comes from the DN).
 */
import { childText, parseXml, type XmlElement } from '../shared/xml/tree.js';
import type { XmlLimits } from '../shared/xml/limits.js';
import { TakError } from './errors.js';
import type { HsaUnit } from './snapshot.js';

/** Every hsaUnit element below the root, at any depth. */
function hsaUnitElements(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => (c.name === 'hsaUnit' ? [c, ...hsaUnitElements(c)] : hsaUnitElements(c)));
}

/** `ou=Unit,ou=Clinic,o=Region,l=County,c=SE` → the parent is the DN without its first part. */
function parentFromDn(dn: string, idByDn: Map<string, string>): string | undefined {
  const parts = dn.split(',').map((p) => p.trim());
  for (let i = 1; i < parts.length; i++) {
    const id = idByDn.get(parts.slice(i).join(',').toLowerCase());
    if (id) return id;
  }
  return undefined;
}

export function readHsaXml(xml: string, limits?: XmlLimits): HsaUnit[] {
  const root = parseXml(xml, { limits });
  const units = hsaUnitElements(root).map((u) => ({ hsaId: childText(u, 'hsaIdentity')?.trim() ?? '', dn: childText(u, 'DN')?.trim() ?? '', name: childText(u, 'name') }));
  const idByDn = new Map(units.map((u) => [u.dn.split(',').map((p) => p.trim()).join(',').toLowerCase(), u.hsaId]));
  return units.map((u) => ({ hsaId: u.hsaId, ...(parentFromDn(u.dn, idByDn) ? { parent: parentFromDn(u.dn, idByDn) } : {}), ...(u.name ? { name: u.name } : {}) }));
}

export function readHsaJson(input: unknown): HsaUnit[] {
  if (!Array.isArray(input)) throw new TakError('TAK_ERR_BAD_INPUT', 'an HSA tree is a list of {hsaId, parent?, name?}');
  return input.map((u: unknown, i) => {
    const o = u as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.hsaId !== 'string') throw new TakError('TAK_ERR_BAD_INPUT', `unit ${i}: hsaId is required`);
    return { hsaId: o.hsaId, ...(typeof o.parent === 'string' ? { parent: o.parent } : {}), ...(typeof o.name === 'string' ? { name: o.name } : {}) };
  });
}

/** Either format, told apart by the first character; XML is read within `limits` (default DEFAULT_XML_LIMITS). */
export function readHsaTree(text: string, limits?: XmlLimits): HsaUnit[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    try {
      return readHsaXml(trimmed, limits);
    } catch (e) {
      throw new TakError('TAK_ERR_BAD_INPUT', `HSA XML: ${(e as Error).message}`);
    }
  }
  try {
    return readHsaJson(JSON.parse(trimmed));
  } catch (e) {
    if (e instanceof TakError) throw e;
    throw new TakError('TAK_ERR_BAD_INPUT', `HSA JSON: ${(e as Error).message}`);
  }
}

