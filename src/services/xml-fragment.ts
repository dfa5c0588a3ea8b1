/** Tiny builders for the record XML of the reference systems: fields are written in schema order by the caller. */
import { escapeXml } from '../shared/xml/serialize.js';

/** A leaf element with escaped text; nothing when the value is undefined (optional field). */
export function leaf(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A container element around already-built children; nothing when every child is empty. */
export function node(name: string, ...children: string[]): string {
  const inner = children.join('');
  return inner === '' ? '' : `<${name}>${inner}</${name}>`;
}
