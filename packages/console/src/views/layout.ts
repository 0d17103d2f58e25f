import { html, type SafeHtml } from './html.js';

export type Section = 'queues' | 'dlqs' | 'topics' | 'deliveries' | 'keys';

/** What every page needs from the request and the console. */
export interface PageContext {
  basePath: string;
  csrfToken: string;
  refreshIntervalMs: number;
  /** Whether an access token guards the console (then a sign-out button shows). */
  signedIn: boolean;
  principal: string;
}

const SECTIONS: readonly { id: Section; label: string; path: string }[] = [
  { id: 'queues', label: 'Queues', path: '/queues' },
  { id: 'dlqs', label: 'Dead-letter queues', path: '/dlqs' },
  { id: 'topics', label: 'Topics', path: '/topics' },
  { id: 'deliveries', label: 'Deliveries', path: '/deliveries' },
  { id: 'keys', label: 'Keys & audit', path: '/keys' },
];

/**
 * htmx without eval (the CSP forbids it), without its injected indicator styles, and swapping
 * 4xx answers too, so refusals such as a denied decrypt show where the action was taken.
 */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[4]..', swap: true, error: false },
    { code: '...', swap: false, error: true },
  ],
});

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

export function page(
  ctx: PageContext,
  options: { title: string; section?: Section; body: SafeHtml; chart?: boolean },
): SafeHtml {
  const asset = (name: string) => `${ctx.basePath}/assets/${name}`;
  const nav = SECTIONS.map(
    (section) =>
      html`<li><a href="${ctx.basePath}${section.path}"${section.id === options.section ? html` aria-current="page"` : ''}>${section.label}</a></li>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<title>${options.title} · sealbus console</title>
<link rel="stylesheet" href="${asset('console.css')}">
${options.chart === true ? html`<link rel="stylesheet" href="${asset('uPlot.min.css')}">` : ''}
<script src="${asset('htmx.min.js')}" defer></script>
${options.chart === true ? html`<script src="${asset('uPlot.iife.min.js')}" defer></script>` : ''}
<script src="${asset('console.js')}" defer></script>
</head>
<body hx-headers="${JSON.stringify({ 'X-CSRF-Token': ctx.csrfToken })}" data-refresh-ms="${ctx.refreshIntervalMs}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="${ctx.basePath}/queues">sealbus console</a>
  <nav aria-label="Console sections"><ul>${nav}</ul></nav>
  ${
    ctx.signedIn
      ? html`<form class="sign-out" method="post" action="${ctx.basePath}/logout">${csrfField(ctx)}<button type="submit">Sign out</button></form>`
      : ''
  }
</header>
<main id="main" tabindex="-1">
<h1>${options.title}</h1>
<div id="status" class="status" role="status" aria-live="polite"></div>
${options.body}
</main>
<footer class="site-footer"><p>Decrypt actions run as KMS principal <code>${ctx.principal}</code> and are recorded in the KMS audit log.</p></footer>
</body>
</html>`;
}

/** The live-refresh switch; console.js refreshes every `[data-live]` region while it is on. */
export function liveSwitch(): SafeHtml {
  return html`<p class="live"><label><input type="checkbox" id="live-refresh" checked> Live refresh</label></p>`;
}

/** A notice for the status region (an htmx action's answer) or a page. */
export function notice(kind: 'ok' | 'error', text: SafeHtml | string): SafeHtml {
  return html`<p class="notice notice-${kind}">${text}</p>`;
}
