import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const publicFile = (name: string) =>
  fileURLToPath(new URL(`../../public/${name}`, import.meta.url));

/**
 * Everything the browser loads, served from this package and its dependencies (no CDN: consoles
 * run offline). Keyed by the URL name under `<basePath>/assets/`.
 */
const ASSETS: Readonly<Record<string, { resolve: () => string; type: string }>> = {
  'htmx.min.js': {
    resolve: () => require.resolve('htmx.org/dist/htmx.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'uPlot.iife.min.js': {
    resolve: () => require.resolve('uplot/dist/uPlot.iife.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'uPlot.min.css': {
    resolve: () => require.resolve('uplot/dist/uPlot.min.css'),
    type: 'text/css; charset=utf-8',
  },
  'console.css': { resolve: () => publicFile('console.css'), type: 'text/css; charset=utf-8' },
  'console.js': {
    resolve: () => publicFile('console.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

export interface Asset {
  body: Buffer;
  type: string;
}

const loaded = new Map<string, Asset>();

/** The asset of that name, read once; undefined for any other name. */
export function loadAsset(name: string): Asset | undefined {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const spec = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (spec === undefined) return undefined;
  const asset = { body: readFileSync(spec.resolve()), type: spec.type };
  loaded.set(name, asset);
  return asset;
}

export const ASSET_NAMES = Object.keys(ASSETS);
