#!/usr/bin/env node
// `pnpm release:check`: everything short of publishing. Builds the workspace, packs every
// publishable package as `pnpm publish` would, checks each tarball (manifest, files, source
// maps, README), lints it with publint --strict and Are the Types Wrong?, then runs the
// outside-consumer test (scripts/consumer-test.mjs) on the tarballs.
//
//   node scripts/release-check.mjs [--skip-build] [--keep <dir>]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, '.release');
const PACKS = join(OUT, 'packs');
const UNPACKED = join(OUT, 'unpacked');
const BIN = join(ROOT, 'node_modules/.bin');

const { values } = parseArgs({
  options: { 'skip-build': { type: 'boolean' }, keep: { type: 'string' } },
});

function run(command, args, cwd = ROOT) {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

async function step(name, work) {
  const started = Date.now();
  await work();
  console.log(`release:check: ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** Workspace packages that are published: every one not marked private. */
function publishable() {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .filter((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true);
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => statSync(file).isFile());
}

/** What a user gets from npm, checked file by file; returns the problems found. */
function inspectTarball(dir) {
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const say = (problem) => problems.push(`${manifest.name}: ${problem}`);
  if (JSON.stringify(manifest.exports).includes('@sealbus/source')) {
    say('exports keep the @sealbus/source condition');
  }
  const ranges = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
    Object.values(manifest[field] ?? {}),
  );
  if (ranges.some((range) => range.startsWith('workspace:'))) {
    say('a dependency keeps a workspace: range');
  }
  if (manifest.engines?.node !== '>=20.19') say(`engines.node is ${manifest.engines?.node}`);
  for (const field of ['repository', 'homepage', 'bugs', 'license']) {
    if (manifest[field] === undefined) say(`package.json has no ${field}`);
  }
  for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md']) {
    if (!existsSync(join(dir, file))) say(`${file} is missing`);
  }
  if (readFileSync(join(dir, 'LICENSE'), 'utf8') !== readFileSync(join(ROOT, 'LICENSE'), 'utf8')) {
    say('LICENSE differs from the repository LICENSE');
  }
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  if (!/npm install|npx /.test(readme)) say('README.md has no install line');
  if (!readme.includes('ESM-first')) say('README.md does not say the package is ESM-first');
  const relativeLinks = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^(https?:\/\/|#)/.test(target));
  if (relativeLinks.length > 0) say(`README.md links break on npm: ${relativeLinks.join(', ')}`);
  for (const file of filesUnder(dir)) {
    const name = relative(dir, file);
    if (/\.test\.|\.d\.ts\.map$/.test(name)) say(`ships ${name}`);
    if (name.endsWith('.js.map')) {
      const map = JSON.parse(readFileSync(file, 'utf8'));
      if (map.sourcesContent?.length !== map.sources.length) say(`${name} lacks its sources`);
    }
  }
  return problems;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(PACKS, { recursive: true });

if (values['skip-build'] !== true) await step('build', () => run('pnpm', ['build']));

const packages = publishable();
await step(`pack ${packages.length} packages`, () => {
  for (const dir of packages) {
    execFileSync('pnpm', ['pack', '--pack-destination', PACKS], { cwd: dir, stdio: 'ignore' });
  }
});

const tarballs = readdirSync(PACKS).filter((file) => file.endsWith('.tgz'));
await step('inspect tarballs', () => {
  const problems = tarballs.flatMap((tarball) => {
    const dir = join(UNPACKED, tarball.replace(/\.tgz$/, ''));
    mkdirSync(dir, { recursive: true });
    run('tar', ['-xzf', join(PACKS, tarball), '-C', dir, '--strip-components=1']);
    return inspectTarball(dir);
  });
  if (problems.length > 0) throw new Error(`tarball problems:\n${problems.join('\n')}`);
});

await step('publint --strict', () => {
  for (const tarball of tarballs)
    run(join(BIN, 'publint'), ['run', '--strict', join(PACKS, tarball)]);
});

// node16 is Node's own resolution (engines >= 20.19); node10 has no `exports` at all. From CJS,
// Node >= 20.19 require()s these ES modules (the consumer test proves it), which attw still
// reports as cjs-resolves-to-esm.
await step('attw', () => {
  for (const tarball of tarballs) {
    run(join(BIN, 'attw'), [
      join(PACKS, tarball),
      '--profile',
      'node16',
      '--ignore-rules',
      'cjs-resolves-to-esm',
      '--format',
      'table-flipped',
    ]);
  }
});

await step('outside-consumer test', () =>
  run(process.execPath, [
    join(ROOT, 'scripts/consumer-test.mjs'),
    PACKS,
    ...(values.keep === undefined ? [] : ['--keep', values.keep]),
  ]),
);
console.log(`release:check: ${tarballs.length} tarballs in ${relative(ROOT, PACKS)} are ready`);
