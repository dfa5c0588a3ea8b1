/**
 * In-memory corrections applied to published schemas when they are loaded for validation. The files on disk
 * are never changed.
 */
export interface SchemaPatch {
  /** stable id, shown in docs/contracts.md */
  id: string;
  why: string;
  find: RegExp;
  replace: string;
}

export const SCHEMA_OVERLAY: readonly SchemaPatch[] = [
  {
    id: 'unanchor-personnummer-pattern',
    // XSD patterns are implicitly anchored, `^` and `$` are literal characters, so
    // crm_scheduling_1.1.xsd and infrastructure_eservicesupply_patientportal_1.0.xsd reject every real personnummer.
    why: 'XML Schema patterns are implicitly anchored; the published `^…$` personnummer pattern would reject 191212121212',
    find: /(<(?:[\w-]+:)?pattern\s+value=")\^\[0-9\]\{8\}\[0-9pPtTfF\]\[0-9\]\{3\}\$(")/g,
    replace: '$1[0-9]{8}[0-9pPtTfF][0-9]{3}$2',
  },
];

/** The schema text with every overlay patch applied. */
export function applySchemaOverlay(text: string): string {
  let out = text;
  for (const p of SCHEMA_OVERLAY) out = out.replace(p.find, p.replace);
  return out;
}
