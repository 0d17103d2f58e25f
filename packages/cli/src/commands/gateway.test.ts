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
