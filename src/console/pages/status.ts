import { VERSION } from '../../platform/version.js';
import { show, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { jsonView } from '../json-view.js';
import { dashboardView } from '../dashboard/dashboard-view.js';

/** What the EI's status section says of its size and notification queues. */
interface EiStatus {
  engagements?: number;
  outbox?: Array<{ pending?: number; dead?: number }>;
}

const sum = (rows: Array<{ pending?: number; dead?: number }>, field: 'pending' | 'dead'): number => rows.reduce((n, r) => n + Number(r[field] ?? 0), 0);

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
    const ei = sections.ei as EiStatus | undefined;
    const fact = (id: string, label: string, value: unknown): SafeHtml => html`<div class="fact"><span class="label">${label}</span><span class="value" id="${id}">${value}</span></div>`;
    show(deps, req, res, {
      title: 'Status',
      active: '/console/',
      body: html`<section class="facts" id="status-cards" aria-label="Instance">
${fact('instance', 'Instance', `${deps.ctx.instanceName} (${deps.ctx.instanceId})`)}
${fact('version', 'Emulator version', VERSION)}
${fact('node', 'Node.js', process.version)}
${fact('uptime', 'Uptime', duration((deps.clock() - deps.startedAtMs) / 1000))}
</section>
<section class="facts" id="platform-facts" aria-label="Catalogue and engagement index">
${fact('catalogue-version', 'Catalogue version', catalogue ? `${catalogue.version} (${catalogue.routes.length} routes, ${catalogue.permissions.length} permissions)` : 'none loaded')}
${fact('ei-size', 'Engagement index size', ei ? (ei.engagements ?? 'not reported') : 'no engagement index')}
${fact('ei-outbox', 'EI outbox depth', ei?.outbox ? sum(ei.outbox, 'pending') : '–')}
${fact('ei-dead-letters', 'EI dead letters', ei?.outbox ? sum(ei.outbox, 'dead') : '–')}
</section>
<h2>Hub, last hour per contract</h2>${dashboardView(deps.rollup.series())}
<h2>Components</h2>${Object.keys(sections).length > 0 ? html`<details><summary>Each component's own status section</summary>${jsonView(sections)}</details>` : html`<p class="empty">No component reports a status section.</p>`}
<h2>Metrics</h2><details><summary>The first series of <a href="/metrics">/metrics</a></summary>${metricsSummary(metrics.status, metrics.text)}</details>`,
    });
  });
};
