/**
 * Hostile XML shapes for the readers' limit tests (deep nesting, many elements, attributes or namespace
 * declarations), and a timer for "answers promptly" checks.
 */
import { performance } from 'node:perf_hooks';

/** The depth the readers are attacked with: far beyond any limit, quadratic work before the limits. */
export const ATTACK_DEPTH = 100_000;

/**
 * How long a refusal, or an ordinary call made in parallel, may take. The target is 50 ms; the bound leaves
 * room for a busy 2-core machine, and is still hundreds of times shorter than unbounded reading takes.
 */
export const PROMPT_MS = 1500;

/** `depth` nested elements (`<a><a>…</a></a>`), optionally in a namespace declared on the outermost one. */
export function nested(depth: number, name = 'a', ns?: string): string {
  const first = ns ? `<${name} xmlns="${ns}">` : `<${name}>`;
  return first + `<${name}>`.repeat(depth - 1) + `</${name}>`.repeat(depth);
}

/** An element's XML with `inner` added before its end tag. */
export const withContent = (elementXml: string, inner: string): string => elementXml.replace(/(<\/[^>]+>)$/, `${inner}$1`);

/** `count` sibling empty elements. */
export const siblings = (count: number, name = 'e'): string => `<${name}/>`.repeat(count);

/** One element with `count` attributes. */
export const manyAttributes = (count: number, name = 'e'): string => `<${name}${Array.from({ length: count }, (_, i) => ` a${i}="v"`).join('')}/>`;

/** Elements declaring `count` namespaces in all, `perElement` on each. */
export function manyDeclarations(count: number, perElement = 100): string {
  let out = '';
  for (let start = 0; start < count; start += perElement) {
    const n = Math.min(perElement, count - start);
    out += `<d${Array.from({ length: n }, (_, i) => ` xmlns:p${start + i}="urn:p:${start + i}"`).join('')}/>`;
  }
  return out;
}

/** The work's value and how long it took from its start to settling, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}
