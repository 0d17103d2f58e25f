// An npm application outside the workspace whose @sealbus packages come from packed tarballs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `@sealbus/sqlite` → `file:` path of its tarball in `packs`. */
export function tarballsIn(packs) {
  return Object.fromEntries(
    readdirSync(packs)
      .filter((file) => file.endsWith('.tgz'))
      .map((file) => [
        `@sealbus/${file.replace(/^sealbus-/, '').replace(/-\d+\.\d+\.\d+.*\.tgz$/, '')}`,
        `file:${join(packs, file)}`,
      ]),
  );
}

/**
 * The environment for npm and the applications: without the `npm_config_*` settings pnpm exports
 * to its scripts (npm warns about them), except `nodedir`, which points node-gyp at the headers
 * of a Node other than the system one.
 */
export function npmEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('npm_config_') || name === 'npm_config_nodedir',
    ),
  );
}

/**
 * Writes `<dir>/package.json` and runs `npm install` there. `sealbus` names packages installed
 * from their tarballs; every other @sealbus package they need resolves to its tarball too,
 * never to the registry. Third-party packages come from the registry (or npm's cache).
 */
export function installApp(
  dir,
  { name, sealbus, dependencies = {}, devDependencies = {} },
  tarballs,
) {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(sealbus.map((pkg) => [`@sealbus/${pkg}`, tarballs[`@sealbus/${pkg}`]])),
      ...dependencies,
    },
    devDependencies,
    overrides: tarballs,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // A kept application: npm sees the same `file:` specs as up to date, so drop the packages that
  // came from tarballs (and the lockfile) to install the tarballs packed this time.
  rmSync(join(dir, 'node_modules/@sealbus'), { recursive: true, force: true });
  rmSync(join(dir, 'package-lock.json'), { force: true });
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
}
