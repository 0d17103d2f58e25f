import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ConsolePage, matchRoute } from '../http/routes.js';
import { CONSOLE_PAGES, CONSOLE_ROUTES } from './routeTable.js';

const PAGES_DIR = fileURLToPath(new URL('.', import.meta.url));

function isPage(value: unknown): value is ConsolePage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ConsolePage).name === 'string' &&
    Array.isArray((value as ConsolePage).routes)
  );
}

/** A path with every `:param` filled in, as a browser would request it. */
function samplePath(path: string): string {
  return `/${path
    .split('/')
    .map((part) => (part.startsWith(':') ? 'x' : part))
    .join('/')}`;
}

describe('the console route table', () => {
  it('lists every page module of pages/: a page left out would have handlers no route reaches', async () => {
    const modules = readdirSync(PAGES_DIR).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    const found: ConsolePage[] = [];
    for (const file of modules) {
      const exports = (await import(/* @vite-ignore */ join(PAGES_DIR, file))) as Record<
        string,
        unknown
      >;
      found.push(...Object.values(exports).filter(isPage));
    }
    expect(found.length).toBeGreaterThanOrEqual(10);
    for (const page of found) expect(CONSOLE_PAGES, page.name).toContain(page);
    expect(new Set(CONSOLE_PAGES).size).toBe(CONSOLE_PAGES.length);
  });

  it('reaches each route by its own path and method, with no two routes on one method and path', () => {
    const seen = new Set<string>();
    for (const entry of CONSOLE_ROUTES) {
      const key = `${entry.method} ${entry.path.replace(/:[^/]+/g, ':')}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      const match = matchRoute(CONSOLE_ROUTES, entry.method, samplePath(entry.path));
      expect(match.kind === 'route' && match.route, key).toBe(entry);
    }
  });

  it('lets only the asset route skip the session, and only sign-in skip the access token', () => {
    const open = CONSOLE_ROUTES.filter((entry) => entry.access !== 'signedIn').map(
      (entry) => `${entry.access} ${entry.method} ${entry.path}`,
    );
    expect(open).toEqual(['asset GET assets/:name', 'session GET login', 'session POST login']);
  });
});
