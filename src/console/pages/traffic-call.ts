/**
 * One call of the hub's traffic log (`GET /api/traffic/<seq>`): what the hub knew of it, its timings, the
 * route and permission trace, headers both ways and bodies when captured, and the call as a curl command.
 */
import type { Request, Response } from 'express';
import type { TrafficEntry, VpApi } from '../../vp/index.js';
import { restError, show, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { prettyBody } from '../traffic/pretty-body.js';
import { replayCurl } from '../traffic/replay-curl.js';

const ACTIVE = '/console/traffic';
export const trafficCallPath = (seq: number): string => `${ACTIVE}/calls/${seq}`;

type Call = Partial<TrafficEntry>;

const ms = (v: number | undefined): string => (v === undefined ? '' : `${v.toFixed(2)} ms`);

/** The call's facts, in the order the hub learns them; empty ones are left out. */
const FACTS: ReadonlyArray<[string, (c: Call) => unknown]> = [
  ['log number', (c) => c.seq],
  ['time', (c) => c.time],
  ['correlation id', (c) => c.correlationId],
  ['listener', (c) => c.listener && `${c.listener} ${c.path ?? ''}`],
  ['format adapter leg', (c) => c.leg],
  ['sender', (c) => c.sender],
  ['original consumer', (c) => c.originalConsumer],
  ['receiver', (c) => c.receiver],
  ['contract', (c) => c.contract],
  ['RIV profile', (c) => c.rivProfile],
  ['outcome', (c) => c.outcome],
  ['fault code', (c) => c.faultCode],
  ['reason', (c) => c.reason],
  ['detail', (c) => c.detail],
  ['HTTP status', (c) => c.httpStatus],
  ['producer URL', (c) => c.producerUrl],
];

const TIMINGS: ReadonlyArray<[string, (c: Call) => number | undefined]> = [
  ['whole call', (c) => c.durationMs],
  ['producer', (c) => c.producerMs],
  ['in the hub', (c) => (c.durationMs !== undefined && c.producerMs !== undefined ? c.durationMs - c.producerMs : undefined)],
];

const TRACES: ReadonlyArray<[string, (c: Call) => string | undefined]> = [
  ['route (vägval)', (c) => c.routeTrace],
  ['permission (behörighet)', (c) => c.permissionTrace],
];

function fields(id: string, rows: ReadonlyArray<[string, unknown]>): SafeHtml {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '');
  if (shown.length === 0) return html`<p class="empty" id="${id}">None recorded.</p>`;
  return html`<dl class="fields" id="${id}">${shown.map(([label, v]) => html`<dt>${label}</dt><dd>${String(v)}</dd>`)}</dl>`;
}

function headerTable(id: string, headers: Record<string, string> | undefined): SafeHtml {
  if (!headers) return html`<p class="empty" id="${id}">Not captured.</p>`;
  return html`<table class="data" id="${id}"><thead><tr><th scope="col">name</th><th scope="col">value</th></tr></thead><tbody>${Object.entries(headers).map(
    ([name, value]) => html`<tr><td>${name}</td><td class="wrap">${value}</td></tr>`,
  )}</tbody></table>`;
}

function body(id: string, text: string | undefined, dropped: boolean): SafeHtml {
  if (text !== undefined) return html`<pre class="body" id="${id}">${prettyBody(text)}</pre>`;
  return html`<p class="empty" id="${id}">${dropped ? 'Dropped: newer calls needed the capture budget, or capture was switched off.' : 'Not captured (body capture was off).'}</p>`;
}

function hubHttpUrl(deps: ConsoleDeps): string | undefined {
  try {
    return deps.ctx.use<VpApi>('vp').urls.http;
  } catch {
    return undefined;
  }
}

function curl(deps: ConsoleDeps, call: Call): SafeHtml {
  const replay = replayCurl(call, hubHttpUrl(deps), deps.ctx.instanceId);
  if ('unavailable' in replay) return html`<p class="hint" id="curl-unavailable">${replay.unavailable}</p>`;
  return html`<p class="hint">Sends the captured request again to the hub’s HTTP listener as an internal call from the same sender (any sender replays without its key; the listener admits loopback by default).</p>
<p><button type="button" data-copy="curl">Copy as curl</button></p><pre class="body" id="curl">${replay.command}</pre>`;
}

function page(deps: ConsoleDeps, call: Call): SafeHtml {
  const dropped = call.bodiesDropped === true;
  return html`<p><a href="${ACTIVE}">← Traffic log</a></p>
${fields('call-facts', FACTS.map(([label, of]) => [label, of(call)]))}
<h2>Timings</h2>${fields('call-timings', TIMINGS.map(([label, of]) => [label, ms(of(call))]))}
<h2>Route and permission trace</h2>${fields('call-trace', TRACES.map(([label, of]) => [label, of(call)]))}
${call.violations?.length ? html`<h2>Schema violations</h2><ul id="call-violations">${call.violations.map((v) => html`<li>${v.direction}: ${v.message}</li>`)}</ul>` : ''}
<h2>Headers received from the consumer</h2>${headerTable('request-headers', call.requestHeaders)}
<h2>Headers sent to the producer</h2>${headerTable('producer-headers', call.producerHeaders)}
<h2>Request</h2>${body('request-body', call.requestBody, dropped)}
<h2>Answer</h2>${body('answer-body', call.responseBody, dropped)}
<h2>Copy as curl</h2>${curl(deps, call)}`;
}

async function render(deps: ConsoleDeps, req: Request, res: Response): Promise<void> {
  const seq = String(req.params.seq);
  const answer = /^[1-9]\d{0,15}$/.test(seq) ? await deps.rest.call('GET', `/api/traffic/${seq}`) : undefined;
  if (answer?.status === 200) {
    const call = answer.json as Call;
    show(deps, req, res, { title: `Call ${call.correlationId ?? seq}`, active: ACTIVE, body: page(deps, call) });
    return;
  }
  const text = answer ? restError(answer) : `No call ${seq}: a call is named by its log number.`;
  show(deps, req, res, { title: 'Call not found', active: ACTIVE, notice: { kind: 'error', text }, body: html`<p><a href="${ACTIVE}">← Traffic log</a></p>` }, answer && answer.status !== 404 ? 502 : 404);
}

export const trafficCallPage: ConsolePage = (router, deps) => {
  router.get('/traffic/calls/:seq', (req, res) => render(deps, req, res));
};
