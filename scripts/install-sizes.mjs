#!/usr/bin/env node
// Measures what one backend costs an application: installs @sealbus/memory, @sealbus/sqlite and
// @sealbus/aws, each alone, from the packed tarballs into a temp directory, and prints the
// packages and megabytes in its node_modules (the numbers in the README).
//
//   node scripts/install-sizes.mjs [packs-dir]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureInstall } from './installSize.mjs';
import { installApp, tarballsIn } from './tarballApp.mjs';

const tarballs = tarballsIn(resolve(process.argv[2] ?? '.release/packs'));
const root = mkdtempSync(join(tmpdir(), 'sealbus-sizes-'));
try {
  for (const backend of ['memory', 'sqlite', 'aws']) {
    const dir = join(root, backend);
    installApp(dir, { name: `size-${backend}`, sealbus: [backend] }, tarballs);
    const { packages, megabytes } = measureInstall(dir);
    console.log(`@sealbus/${backend} alone: ${packages} packages, ${megabytes} MB`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
