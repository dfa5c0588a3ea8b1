import { VERSION } from '../../platform/version.js';
import { show, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { jsonView } from '../json-view.js';

const METRIC_LINES_SHOWN = 40;

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${d} d ${h} h ${m} min ${Math.floor(seconds % 60)} s`;
}

/** Prometheus text without comments, first lines only: a summary, the full set stays at /metrics. */
function metricsSummary(status: number, text: string): SafeHtml {
  if (status !== 200) return html`<p class="empty">No metrics endpoint answers at /metrics (HTTP ${status}).</p>`;
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  return html`<pre class="metrics">${lines.slice(0, METRIC_LINES_SHOWN).join('\n')}</pre>${lines.length > METRIC_LINES_SHOWN ? html`<p class="more"><a href="/metrics">all ${lines.length} series</a></p>` : ''}`;
}

export const statusPage: ConsolePage = (router, deps) => {
  router.get('/', async (req, res) => {
    const [status, metrics] = await Promise.all([deps.rest.call('GET', '/status'), deps.rest.call('GET', '/metrics')]);
    // The components' sections are the object values; the rest are the platform's and the real VP's status keys.
    const sections = Object.fromEntries(Object.entries((status.json as Record<string, unknown> | undefined) ?? {}).filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v)));
    const catalogue = deps.ctx.catalogue.current();
    const ei = sections.ei as { size?: unknown; engagements?: unknown } | undefined;
    show(deps, req, res, {
      title: 'Status',
      active: '/console/',
      body: html`<dl class="cards" id="status-cards">
<dt>Instance</dt><dd>${deps.ctx.instanceName} (${deps.ctx.instanceId})</dd>
<dt>Emulator version</dt><dd id="version">${VERSION}</dd>
<dt>Node.js</dt><dd>${process.version}</dd>
<dt>Uptime</dt><dd id="uptime">${duration((deps.clock() - deps.startedAtMs) / 1000)}</dd>
<dt>Catalogue version</dt><dd id="catalogue-version">${catalogue ? `${catalogue.version} (${catalogue.routes.length} routes, ${catalogue.permissions.length} permissions)` : 'none loaded'}</dd>
<dt>Engagement index size</dt><dd id="ei-size">${ei?.size ?? ei?.engagements ?? 'not reported'}</dd>
</dl>
<h2>Components</h2>${Object.keys(sections).length > 0 ? jsonView(sections) : html`<p class="empty">No component reports a status section.</p>`}
<h2>Metrics</h2>${metricsSummary(metrics.status, metrics.text)}`,
    });
  });
};
