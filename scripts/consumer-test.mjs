#!/usr/bin/env node
// The outside-consumer test: installs the packed tarballs with npm into applications in a temp
// directory (outside the workspace, so nothing resolves through it), typechecks them with strict
// TypeScript (module nodenext, skipLibCheck false, exactOptionalPropertyTypes) and runs them with
// plain `node`. Third-party packages come from the npm registry (or npm's cache).
//
//   node scripts/consumer-test.mjs <packs-dir> [--keep <dir>]
//
// The `node` (and so the ABI better-sqlite3 is compiled for) is the first one on PATH.
// --keep <dir> keeps the applications there for another run (installs are then incremental); by
// default they go to a fresh temp directory that is removed afterwards.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureInstall } from './installSize.mjs';
import { installApp, npmEnv, tarballsIn } from './tarballApp.mjs';

const FIXTURES = fileURLToPath(new URL('./consumer/', import.meta.url));
const { values, positionals } = parseArgs({
  options: { keep: { type: 'string' } },
  allowPositionals: true,
});
const packs = resolve(positionals[0] ?? '.release/packs');

const tarballs = tarballsIn(packs);

const THIRD_PARTY = {
  typescript: '5.9.3',
  '@types/node': '^20.19.0',
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

const APPS = {
  full: {
    sealbus: ['core', 'sqlite', 'kms-local', 'worker', 'backends', 'aws', 'gateway'],
    deps: { inversify: '^8.2.2', 'reflect-metadata': '^0.2.2', '@aws-sdk/client-kms': '^3.1164.0' },
    run: ['dist/main.js', 'dist/require.cjs'],
  },
  memory: {
    sealbus: ['core', 'memory', 'worker', 'backends'],
    deps: {},
    run: ['dist/main.js'],
  },
};

function sh(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: 'inherit', env: npmEnv() });
}

const kept = values.keep === undefined ? undefined : resolve(values.keep);
const root = kept ?? mkdtempSync(join(tmpdir(), 'sealbus-consumers-'));
try {
  console.log(`node ${process.version}; consumers in ${root}`);
  for (const [name, app] of Object.entries(APPS)) {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    cpSync(join(FIXTURES, name, 'src'), join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    const started = Date.now();
    installApp(
      dir,
      {
        name: `sealbus-consumer-${name}`,
        sealbus: app.sealbus,
        dependencies: app.deps,
        devDependencies: THIRD_PARTY,
      },
      tarballs,
    );
    const size = measureInstall(dir);
    console.log(
      `${name} consumer: npm install ${((Date.now() - started) / 1000).toFixed(0)} s, ${size.packages} packages, ${size.megabytes} MB`,
    );
    sh(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], dir);
    for (const file of app.run) sh(process.execPath, [file], dir);
    console.log(`${name} consumer: ${basename(dir)} typechecked and ran`);
  }
} finally {
  if (kept === undefined) rmSync(root, { recursive: true, force: true });
}
