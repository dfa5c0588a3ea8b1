import type { Request, Response } from 'express';
import { hsaIdFromCertificate, issueSystemCertificate, P12_PASSWORD } from '../../pki/index.js';
import { formText, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { certificateFile } from '../register/certificate-files.js';
import { registrationProblem, systemOrder, type SystemRegistration } from '../register/system-order.js';
import { renderOrder, submitOrder } from './orders.js';
import { localToday } from '../../shared/local-time.js';

const ACTIVE = '/console/register';
const TITLE = 'Register a system';
const PROFILES = ['RIVTABP21', 'RIVTABP20'];

/** One value per line or comma, trimmed, empty ones and repeats dropped. */
function listOf(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean))];
}

function formValues(req: Request): Record<string, string> {
  return Object.fromEntries(['hsaId', 'description', 'certificate', 'otherContracts', 'logicalAddresses', 'url', 'profile', 'selfConsumer', 'consumers'].map((k) => [k, formText(req, k)]));
}

function chosenContracts(req: Request): string[] {
  const picked = (req.body as Record<string, unknown>).contract;
  const list = Array.isArray(picked) ? picked : typeof picked === 'string' ? [picked] : [];
  return [...new Set([...list.filter((c): c is string => typeof c === 'string'), ...listOf(formText(req, 'otherContracts'))])];
}

async function knownContracts(deps: ConsoleDeps): Promise<string[]> {
  const answer = await deps.rest.call('GET', '/api/tak/contracts');
  return Array.isArray(answer.json) ? (answer.json as Array<{ namespace: string }>).map((c) => c.namespace).sort() : [];
}

async function renderForm(deps: ConsoleDeps, req: Request, res: Response, values: Record<string, string> = {}, picked: string[] = [], notice?: { kind: 'error'; text: string }, status = 200): Promise<void> {
  const contracts = await knownContracts(deps);
  const signedIn = deps.ctx.admin.isOperator(req);
  show(
    deps,
    req,
    res,
    {
      title: TITLE,
      active: ACTIVE,
      notice,
      body: html`<p class="hint">Registers a producer or consumer system: its certificate, then its routes and permissions as one bulk order that you see, run dry and apply here, and publish on <a href="/console/catalogue/pending">Catalogue → Pending changes</a>.</p>
${signedIn ? '' : html`<p><a href="/console/sign-in?back=${ACTIVE}">Sign in</a> to register a system.</p>`}
<form method="post" action="${ACTIVE}" class="stack" id="register-form">
<fieldset><legend>Certificate</legend>
<label>HSA-id of the system <input name="hsaId" value="${values.hsaId ?? ''}" placeholder="SE2321000016-ABCD"></label>
<p class="hint">Give only the HSA-id to issue a new test certificate from the platform's dev CA (PEM, key and PKCS#12 to download), or upload the system's own certificate: its HSA-id is read from the subject serialNumber.</p>
<label>Certificate (PEM) <input type="file" accept=".pem,.crt,.cer" data-fill="certificate"><textarea name="certificate" id="certificate" rows="4" spellcheck="false">${values.certificate ?? ''}</textarea></label>
<label>Description <input name="description" value="${values.description ?? ''}"></label>
</fieldset>
<fieldset><legend>Contracts</legend>
<div class="checks" id="contracts">${contracts.length === 0 ? html`<span class="empty">The catalogue has no contracts yet.</span>` : contracts.map((c) => html`<label><input type="checkbox" name="contract" value="${c}"${picked.includes(c) ? html` checked` : ''}> ${c}</label>`)}</div>
<label>Other contract namespaces (one per line) <textarea name="otherContracts" rows="2" spellcheck="false">${values.otherContracts ?? ''}</textarea></label>
</fieldset>
<fieldset><legend>Where</legend>
<label>Logical addresses (one per line) <textarea name="logicalAddresses" rows="3" spellcheck="false" required>${values.logicalAddresses ?? ''}</textarea></label>
<label>Producer URL <span class="hint">(empty: the system only consumes)</span> <input name="url" value="${values.url ?? ''}" placeholder="https://system.example:8443/service"></label>
<label>RIV-TA profile <select name="profile">${PROFILES.map((p) => html`<option${p === (values.profile || PROFILES[0]) ? html` selected` : ''}>${p}</option>`)}</select></label>
</fieldset>
<fieldset><legend>Who may call</legend>
<label class="inline"><input type="checkbox" name="selfConsumer" value="yes"${values.selfConsumer || !values.hsaId ? html` checked` : ''}> The system itself calls these contracts at these addresses</label>
<label>Other consumers' HSA-ids (one per line) <textarea name="consumers" rows="2" spellcheck="false">${values.consumers ?? ''}</textarea></label>
</fieldset>
<div class="buttons"><button type="submit" class="primary">Make the order and run it dry</button></div>
</form>`,
    },
    status,
  );
}

function downloads(hsaId: string, issued: boolean): SafeHtml {
  const link = (file: string, label: string): SafeHtml => html`<a href="${ACTIVE}/files/${file}" download>${label}</a>`;
  return html`<section class="notice ok" id="certificate-files"><p>${issued ? 'A new test certificate' : 'The test certificate'} for <strong>${hsaId}</strong>: ${link(`${hsaId}.pem`, 'certificate (PEM)')} · ${link(`${hsaId}.key`, 'private key (PEM)')} · ${link(`${hsaId}.p12`, `PKCS#12 (password ${P12_PASSWORD})`)} · ${link('ca.pem', 'dev CA (PEM)')}</p></section>`;
}

/** Before Apply nothing is written, the certificate included: the dry run only says it will be issued. */
const toBeIssued = (hsaId: string): SafeHtml =>
  html`<section class="notice" id="certificate-files"><p>A test certificate for <strong>${hsaId}</strong> is issued from the dev CA when you apply the order (an existing one is kept).</p></section>`;

/** The order form of a registration posts back here, carrying the system to issue a certificate for on Apply. */
const APPLY_ACTION = `${ACTIVE}/order`;
const orderForm = (issueFor: string | undefined) => ({ action: APPLY_ACTION, hidden: html`<input type="hidden" name="issueFor" value="${issueFor ?? ''}">` });

/** The system's HSA-id: from an uploaded certificate (which must agree with a typed one), else as typed. */
function systemHsaId(values: Record<string, string>): { hsaId?: string; error?: string } {
  const typed = values.hsaId!.trim().toUpperCase();
  if (!values.certificate!.trim()) return typed ? { hsaId: typed } : { error: 'Give the system’s HSA-id or upload its certificate.' };
  const fromCertificate = hsaIdFromCertificate(values.certificate!)?.toUpperCase();
  if (!fromCertificate) return { error: 'The uploaded certificate is not a PEM certificate with an HSA-id in its subject serialNumber.' };
  if (typed && typed !== fromCertificate) return { error: `The certificate is for ${fromCertificate}, not ${typed}.` };
  return { hsaId: fromCertificate };
}

/**
 * "Register a system" (docs/console.md, "Register a system"): certificate upload or issue, then routes and
 * permissions as a bulk order.
 */
export const registerPage: ConsolePage = (router, deps) => {
  router.get('/register', (req, res) => renderForm(deps, req, res));
  router.post('/register', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, TITLE, ACTIVE)) return;
    const values = formValues(req);
    const picked = chosenContracts(req);
    const refuse = (text: string): Promise<void> => renderForm(deps, req, res, values, picked, { kind: 'error', text }, 400);
    const { hsaId, error } = systemHsaId(values);
    if (!hsaId) return refuse(error!);
    const registration: SystemRegistration = {
      hsaId,
      description: values.description!.trim(),
      contracts: picked,
      logicalAddresses: listOf(values.logicalAddresses!).map((a) => a.toUpperCase()),
      url: values.url!.trim(),
      profile: PROFILES.includes(values.profile!) ? values.profile! : PROFILES[0]!,
      consumers: [...new Set([...(values.selfConsumer ? [hsaId] : []), ...listOf(values.consumers!).map((c) => c.toUpperCase())])],
    };
    const problem = registrationProblem(registration);
    if (problem) return refuse(problem);
    const issueFor = values.certificate!.trim() ? undefined : hsaId;
    const { view, status } = await submitOrder(deps, JSON.stringify(systemOrder(registration, localToday(new Date(deps.clock()))), null, 2), false);
    return renderOrder(deps, req, res, { ...view, preface: issueFor ? toBeIssued(issueFor) : undefined, form: orderForm(issueFor) }, status, TITLE, ACTIVE);
  });
  router.post('/register/order', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, TITLE, ACTIVE)) return;
    const issueFor = formText(req, 'issueFor').trim().toUpperCase() || undefined;
    const apply = formText(req, 'action') === 'apply';
    const { view, status } = await submitOrder(deps, formText(req, 'order'), apply);
    const applied = apply && status === 200;
    const issued = applied && issueFor ? !issueSystemCertificate(deps.ctx.certsDir, issueFor).kept.includes(issueFor) : undefined;
    const preface = !issueFor ? undefined : issued === undefined ? toBeIssued(issueFor) : downloads(issueFor, issued);
    return renderOrder(deps, req, res, { ...view, preface, form: orderForm(issueFor) }, status, TITLE, ACTIVE);
  });
  router.get('/register/files/:name', (req, res, next) => {
    if (!signedInOrRefuse(deps, req, res, TITLE, ACTIVE)) return;
    const file = certificateFile(deps.ctx.certsDir, String(req.params.name));
    if (!file) return next();
    res.type(file.type).download(file.path);
  });
};
