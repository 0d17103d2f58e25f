import { html, type SafeHtml } from './html.js';
import { csrfField, notice, type PageContext, page } from './layout.js';

export function loginPage(ctx: PageContext, next: string, failed: boolean): SafeHtml {
  return page(ctx, {
    title: 'Sign in',
    body: html`${failed ? notice('error', 'That access token is not right. Check the token the console was started with.') : ''}
<form class="login" method="post" action="${ctx.basePath}/login">
${csrfField(ctx)}
<input type="hidden" name="next" value="${next}">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required minlength="16" autofocus>
<button type="submit">Sign in</button>
</form>`,
  });
}

export function errorPage(ctx: PageContext, title: string, message: string): SafeHtml {
  return page(ctx, { title, body: notice('error', message) });
}
