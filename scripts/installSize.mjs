// The size of an npm install: installed packages (every node_modules/<name> and
// node_modules/@scope/<name>, nested ones too) and the bytes on disk under node_modules.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function walk(modules, totals) {
  if (!existsSync(modules)) return;
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const path = join(modules, entry);
    if (entry.startsWith('@')) {
      for (const scoped of readdirSync(path)) countPackage(join(path, scoped), totals);
    } else {
      countPackage(path, totals);
    }
  }
}

function countPackage(dir, totals) {
  if (!existsSync(join(dir, 'package.json'))) return;
  totals.packages += 1;
  walk(join(dir, 'node_modules'), totals);
}

function bytesUnder(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of readdirSync(path)) total += bytesUnder(join(path, entry));
  return total;
}

/** `{ packages, megabytes }` of `<dir>/node_modules`. */
export function measureInstall(dir) {
  const totals = { packages: 0 };
  walk(join(dir, 'node_modules'), totals);
  const bytes = bytesUnder(join(dir, 'node_modules'));
  return { packages: totals.packages, megabytes: (bytes / 1e6).toFixed(1) };
}
