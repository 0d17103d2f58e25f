import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findGatewayEntry, installedGatewayDir } from './gateway.js';

describe('findGatewayEntry', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function app(manifest: object, files: string[] = []): string {
    const dir = `${mkdtempSync(join(tmpdir(), 'sealbus-gw-'))}/`;
    dirs.push(dir);
    writeFileSync(`${dir}package.json`, JSON.stringify(manifest));
    for (const file of files) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
    return dir;
  }

  it('runs the built bin as is, and falls back to its TypeScript source through tsx', () => {
    const built = findGatewayEntry(
      app({ bin: { gw: './dist/main.js' } }, ['dist/main.js', 'src/main.ts']),
    );
    expect(built.file.endsWith('/dist/main.js')).toBe(true);
    expect(built.nodeArgs).toEqual([]);
    const source = findGatewayEntry(app({ bin: './dist/main.js' }, ['src/main.ts']));
    expect(source.file.endsWith('/src/main.ts')).toBe(true);
    expect(source.nodeArgs).toEqual(['--conditions=@sealbus/source', '--import', 'tsx']);
  });

  it('explains a missing manifest, bin or build', () => {
    expect(() => findGatewayEntry(app({ name: 'gw' }))).toThrow(/has no "bin" start file/);
    expect(() => findGatewayEntry(app({ bin: './dist/main.js' }))).toThrow(
      /does not exist\. Build it first/,
    );
    expect(() => findGatewayEntry('/nonexistent/dir/')).toThrow(/is not installed here/);
  });
});

const GATEWAY_MODULE = fileURLToPath(new URL('./gateway.ts', import.meta.url));

describe('installedGatewayDir', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds @sealbus/gateway where Node resolves it from the CLI', () => {
    const dir = installedGatewayDir();
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
    };
    expect(manifest.name).toBe('@sealbus/gateway');
  });

  it('tells how to install the gateway when it cannot be resolved', () => {
    // A child without the NODE_PATH pnpm's shims export, which would resolve any workspace package.
    const { NODE_PATH: _, ...env } = process.env;
    const outside = join(mkdtempSync(join(tmpdir(), 'sealbus-no-gw-')), 'index.js');
    dirs.push(dirname(outside));
    const script = `import { installedGatewayDir } from ${JSON.stringify(GATEWAY_MODULE)};
try { installedGatewayDir(${JSON.stringify(outside)}); } catch (error) { console.log(error.message); }`;
    const child = spawnSync(
      process.execPath,
      ['--conditions=@sealbus/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { env, encoding: 'utf8' },
    );
    expect(child.stdout.trim()).toBe(
      'The gateway is not installed: run `npm install @sealbus/gateway` where @sealbus/cli is installed, or start it on its own with `npx @sealbus/gateway`.',
    );
  });
});
