/**
 * The real VP's fault table as the reference material states it (`vp-and-tak.md`, its
 * `| VPnnn | faultcode | text | details |` rows): the oracle the hub's fault texts are checked against.
 */
import { readSpecOrSkip } from '../support/reference-spec.js';

export interface SpecFault {
  faultcode: string;
  /** the Swedish faultstring after `[name] ` */
  text: string;
  /** the quoted detail texts of the row, placeholders (`%s`, `<ip>`…) as written; [] for "(empty)" */
  details: string[];
  /** the details cell as written, for its remarks ("+ optional newline …", "e.g.") */
  detailCell: string;
}

const quoted = (cell: string): string[] => [...cell.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);

/** The rows by code; skips the running test where the reference material is absent. */
export function specFaultsOrSkip(ctx: Mocha.Context): Map<string, SpecFault> {
  const rows = new Map<string, SpecFault>();
  for (const line of readSpecOrSkip(ctx, 'vp-and-tak.md').split('\n')) {
    const m = /^\| (VP\d{3}) \| ([^|]+) \| ([^|]+) \| (.*) \|\s*$/.exec(line);
    if (m) rows.set(m[1]!, { faultcode: m[2]!.replace(/\*/g, '').trim(), text: quoted(m[3]!)[0]!, details: quoted(m[4]!), detailCell: m[4]! });
  }
  return rows;
}

/** A quoted detail with its placeholders filled in order (`%s`, `<ip>`, `<class>: <msg>` each take one value). */
export function fillSpecDetail(template: string, values: readonly string[]): string {
  let i = 0;
  return template.replace(/%s|<[^>]+>: <[^>]+>|<[^>]+>/g, () => values[i++] ?? '');
}
