import { html, SafeHtml } from './html.js';

const MAX_DEPTH = 6;
const MAX_ROWS = 500;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Any JSON answer of the REST API as HTML: a list of objects becomes a table, an object a definition list.
 * The console shows other components' answers this way, so a field they add appears without a console change.
 */
export function jsonView(value: unknown, depth = 0): SafeHtml {
  if (value instanceof SafeHtml) return value;
  if (depth >= MAX_DEPTH) return html`<code>${JSON.stringify(value)}</code>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return html`<span class="empty">none</span>`;
    if (value.every(isRecord)) {
      const columns = [...new Set(value.flatMap((r) => Object.keys(r)))];
      const rows = value.slice(0, MAX_ROWS);
      return html`<table class="data"><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows.map(
        (r) => html`<tr>${columns.map((c) => html`<td>${jsonView(r[c], depth + 1)}</td>`)}</tr>`,
      )}</tbody></table>${value.length > MAX_ROWS ? html`<p class="more">${value.length - MAX_ROWS} more not shown</p>` : ''}`;
    }
    return html`<ul class="plain">${value.slice(0, MAX_ROWS).map((v) => html`<li>${jsonView(v, depth + 1)}</li>`)}</ul>`;
  }
  if (isRecord(value)) {
    return html`<dl class="fields">${Object.entries(value).map(([k, v]) => html`<dt>${k}</dt><dd>${jsonView(v, depth + 1)}</dd>`)}</dl>`;
  }
  if (value === null || value === undefined) return html``;
  return html`${String(value)}`;
}
