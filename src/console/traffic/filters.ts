/**
 * The traffic page's filters: free text for ids and addresses, a choice for the outcome and the fault code,
 * and a time range. Each becomes a `GET /api/traffic` parameter; with `match=contains` the hub takes the
 * texts as substrings and the choices whole.
 */
import type { Request } from 'express';
import { ADAPTER_FAULTS } from '../../adapters/index.js';
import { CONTRACT_FAULTS } from '../../contracts/index.js';
import { CALL_OUTCOMES, VP_FAULTS } from '../../vp/index.js';
import { html, type SafeHtml } from '../html.js';

/** Every fault code a call can end with: the hub's, strict validation's and the format adapters'. */
export const TRAFFIC_FAULT_CODES: readonly string[] = [
  ...Object.keys(VP_FAULTS),
  ...Object.values(CONTRACT_FAULTS).map((f) => f.code),
  ...Object.keys(ADAPTER_FAULTS).map((code) => `NTJP-${code}`),
];

type Filter = { field: string; label: string } & ({ kind: 'text' } | { kind: 'choice'; choices: readonly string[] } | { kind: 'time' });

export const TRAFFIC_FILTERS: readonly Filter[] = [
  { field: 'from', label: 'from (UTC)', kind: 'time' },
  { field: 'to', label: 'to (UTC)', kind: 'time' },
  { field: 'outcome', label: 'outcome', kind: 'choice', choices: CALL_OUTCOMES },
  { field: 'faultCode', label: 'fault code', kind: 'choice', choices: TRAFFIC_FAULT_CODES },
  { field: 'sender', label: 'sender', kind: 'text' },
  { field: 'receiver', label: 'receiver', kind: 'text' },
  { field: 'contract', label: 'contract', kind: 'text' },
  { field: 'correlationId', label: 'correlation id', kind: 'text' },
  { field: 'httpStatus', label: 'HTTP status', kind: 'text' },
];

/** what a `datetime-local` input sends, read as UTC */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

const VALID: Record<Filter['kind'], (v: string, f: Filter) => boolean> = {
  text: () => true,
  choice: (v, f) => f.kind === 'choice' && f.choices.includes(v),
  time: (v) => LOCAL_TIME.test(v) && !Number.isNaN(Date.parse(`${v}Z`)),
};

/** The filters the page was asked for (a choice or time that is not one is ignored), as the page's query. */
export function trafficFiltersOf(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of TRAFFIC_FILTERS) {
    const v = req.query[f.field];
    if (typeof v === 'string' && v.trim() && VALID[f.kind](v.trim(), f)) out.set(f.field, v.trim());
  }
  return out;
}

/** The same filters as `GET /api/traffic` parameters (times as UTC instants). */
export function hubQueryOf(filters: Map<string, string>): Array<[string, string]> {
  const kinds = new Map(TRAFFIC_FILTERS.map((f) => [f.field, f.kind]));
  return [...filters].map(([field, v]) => [field, kinds.get(field) === 'time' ? new Date(`${v}Z`).toISOString() : v]);
}

function input(f: Filter, value: string): SafeHtml {
  if (f.kind === 'choice') {
    return html`<select name="${f.field}"><option value="">any</option>${f.choices.map((c) => html`<option${c === value ? html` selected` : ''}>${c}</option>`)}</select>`;
  }
  if (f.kind === 'time') return html`<input type="datetime-local" step="1" name="${f.field}" value="${value}">`;
  return html`<input name="${f.field}" value="${value}">`;
}

export function filterForm(action: string, filters: Map<string, string>): SafeHtml {
  return html`<form method="get" action="${action}" class="filters" id="traffic-filters">${TRAFFIC_FILTERS.map(
    (f) => html`<label>${f.label} ${input(f, filters.get(f.field) ?? '')}</label>`,
  )}<button type="submit">Filter</button></form>`;
}
