import { OPERATOR_COOKIE } from '../../platform/admin-server.js';
import { sameSecret } from '../../shared/same-secret.js';
import { formText, show, type ConsolePage } from '../deps.js';
import { html } from '../html.js';
import { safeBack } from '../layout.js';

const form = (back: string, tokenSource: string) => html`<form method="post" action="/console/sign-in" class="stack">
<input type="hidden" name="back" value="${back}">
<label>Operator token <input type="password" name="token" autocomplete="current-password" required></label>
<p class="hint">The token is in ${tokenSource} (ntjp start and ntjp serve print this too).</p>
<button type="submit">Sign in</button></form>`;

/**
 * Sign-in stores the operator token in an HttpOnly, SameSite=Strict cookie that the admin server accepts like
 * the Bearer header, so the console's forms and the REST API share one check; it also starts the session
 * whose CSRF token the pages put in their forms.
 */
export const signInPage: ConsolePage = (router, deps) => {
  router.get('/sign-in', (req, res) => show(deps, req, res, { title: 'Sign in', active: '/console/sign-in', body: form(safeBack(req.query.back), deps.ctx.operatorTokenSource) }));
  router.post('/sign-in', (req, res) => {
    const back = safeBack(formText(req, 'back'));
    if (!sameSecret(formText(req, 'token'), deps.ctx.operatorToken)) {
      show(deps, req, res, { title: 'Sign in', active: '/console/sign-in', notice: { kind: 'error', text: 'That is not the operator token.' }, body: form(back, deps.ctx.operatorTokenSource) }, 401);
      return;
    }
    res.cookie(OPERATOR_COOKIE, deps.ctx.operatorToken, { httpOnly: true, sameSite: 'strict', path: '/' });
    deps.ctx.admin.csrf.startSession(res);
    res.redirect(303, back);
  });
  router.post('/sign-out', (_req, res) => {
    res.clearCookie(OPERATOR_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/' });
    deps.ctx.admin.csrf.endSession(res);
    res.redirect(303, '/console/');
  });
};
