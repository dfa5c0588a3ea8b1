/**
 * Publication dates a RIV-TA release states itself: the interaction WSDL's `wsdl:documentation` block lists
 * its revisions ("Revisioner:"), one line each, e.g. `2017-03-29 Version 3.0, <author>` or
 * `2010-04-21: Release version 1.0 …`. A line marked `Utkast` (draft) publishes nothing, and a date without
 * its day (`2011-03-XX`) is not a date.
 */

const DOCUMENTATION = /<(?:[\w-]+:)?documentation\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?documentation>/;
const REVISION_LINE = /^\s*(\d{4}-\d{2}-\d{2}):?\s+(Utkast\s+)?(?:Release\s+)?ver\w*\s+(\d+)\.\d+/gim;

/** The first date the WSDL's revisions give a non-draft version of `major`, or undefined. */
export function majorPublishedIn(wsdlText: string, major: number): string | undefined {
  const doc = DOCUMENTATION.exec(wsdlText)?.[1] ?? '';
  const dates: string[] = [];
  for (const m of doc.matchAll(REVISION_LINE)) {
    if (!m[2] && Number(m[3]) === major && !Number.isNaN(Date.parse(m[1]!))) dates.push(m[1]!);
  }
  return dates.sort()[0];
}
