import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findGatewayEntry } from './gateway.js';

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

  it('runs a TypeScript bin through tsx on the source condition and JavaScript as is', () => {
    const ts = findGatewayEntry(
      app({ bin: { 'sealbus-gateway': './src/main.ts' } }, ['src/main.ts']),
    );
    expect(ts.file.endsWith('/src/main.ts')).toBe(true);
    expect(ts.nodeArgs).toEqual(['--conditions=@sealbus/source', '--import', 'tsx']);
    expect(findGatewayEntry(app({ bin: './dist/main.js' }, ['dist/main.js'])).nodeArgs).toEqual([]);
  });

  it('explains a missing bin or a missing build', () => {
    expect(() => findGatewayEntry(app({ name: 'gw' }))).toThrow(/has no "bin" start file/);
    expect(() => findGatewayEntry(app({ bin: './dist/main.js' }))).toThrow(
      /does not exist\. Build it first/,
    );
    expect(() => findGatewayEntry('/nonexistent/dir/')).toThrow(/is not installed here/);
  });
});
