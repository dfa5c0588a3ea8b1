import type { Response } from 'express';
import { html, type SafeHtml } from './html.js';
import { NAV } from './nav.js';
import { CSRF_FIELD } from '../platform/csrf.js';

export interface PageView {
  title: string;
  /** the NAV path this page belongs to */
  active: string;
  body: SafeHtml;
  signedIn: boolean;
  /** the console session's CSRF token ('' without a cookie session): in every POST form and a meta tag for scripts */
  csrfToken: string;
  /** a message at the top: `error` shows as an alert */
  notice?: { kind: 'ok' | 'error'; text: string };
}

const POST_FORM_TAG = /<form\b[^>]*\bmethod="post"[^>]*>/g;

/** Every POST form of the page gets the token, so no page can forget it (the pages write their forms as plain HTML). */
function withCsrfField(page: string, token: string): string {
  if (!token) return page;
  const field = html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`.value;
  return page.replace(POST_FORM_TAG, (tag) => tag + field);
}

/** The console's page frame: menu, sign-in state, one stylesheet and one small script, nothing fetched elsewhere. */
export function layout(v: PageView): string {
  return withCsrfField(
    html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${
      v.csrfToken ? html`<meta name="ntjp-csrf-token" content="${v.csrfToken}">` : ''
    }
<title>${v.title} · NTjP emulator console</title>
<link rel="stylesheet" href="/console/static/console.css"><script src="/console/static/console.js" defer></script></head>
<body><header><span class="brand">NTjP emulator</span><nav>${NAV.map(
    (n) => html`<a href="${n.path}"${n.path === v.active ? html` class="active" aria-current="page"` : ''}>${n.label}</a>`,
  )}</nav><span class="who">${
    v.signedIn
      ? html`<form method="post" action="/console/sign-out"><span>Operator</span> <button type="submit">Sign out</button></form>`
      : html`<a href="/console/sign-in?back=${encodeURIComponent(v.active)}">Sign in</a>`
  }</span></header>
<main><h1>${v.title}</h1>${v.notice ? html`<p class="notice ${v.notice.kind}" role="${v.notice.kind === 'error' ? 'alert' : 'status'}">${v.notice.text}</p>` : ''}${v.body}</main>
</body></html>`.value,
    v.csrfToken,
  );
}

/** A local path to go back to after sign-in; anything else falls back to the start page. */
export function safeBack(value: unknown): string {
  return typeof value === 'string' && /^\/console\/[\w\-/?=&.%]*$/.test(value) ? value : '/console/';
}

export function sendPage(res: Response, view: PageView, status = 200): void {
  res.status(status).type('html').send(layout(view));
}
