import type { ServerResponse } from 'node:http';
import type { SafeHtml } from '../views/html.js';

/**
 * Scripts and styles come only from the console's own asset route; nothing may frame it.
 * uPlot sizes its canvas through the CSSOM, which `style-src 'self'` allows.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/**
 * `same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` with the
 * console's own form POSTs (sign-in included), which the cross-site check must refuse. With
 * `same-origin` the console's own requests carry its origin, and other sites still get nothing.
 */
const REFERRER_POLICY = 'same-origin';

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', REFERRER_POLICY);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** Pages show live broker state and sometimes a decrypted body: never cache them. */
export function sendHtml(res: ServerResponse, status: number, body: SafeHtml): void {
  const bytes = Buffer.from(body.value, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(bytes);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(bytes);
}

/** 303 so a POST is followed by a GET; htmx gets `HX-Redirect`, since its XHR would follow a 3xx and swap the page into a fragment. */
export function redirect(res: ServerResponse, location: string, htmx: boolean): void {
  if (htmx) {
    res.writeHead(200, { 'HX-Redirect': location, 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}
