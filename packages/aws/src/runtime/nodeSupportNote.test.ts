import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { NODE_SUPPORT_NOTE, noteNodeSupport, SDK_WARNING_SWITCH } from './nodeSupportNote.js';

const dirs: string[] = [];
function markerDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-note-'));
  dirs.push(dir);
  return join(dir, 'cache');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('noteNodeSupport', () => {
  it('on Node 20 turns the SDK warning off and shows one line, once per marker directory', () => {
    const dir = markerDir();
    const lines: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      const env: Record<string, string | undefined> = {};
      noteNodeSupport({ env, version: 'v20.19.0', markerDir: dir, write: (l) => lines.push(l) });
      expect(env[SDK_WARNING_SWITCH]).toBe('true');
    }
    expect(lines).toEqual([NODE_SUPPORT_NOTE]);
    expect(NODE_SUPPORT_NOTE.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'node20-aws-sdk-note'))).toBe(true);
  });

  it('leaves Node 22+ and a user-set switch alone', () => {
    const dir = markerDir();
    const lines: string[] = [];
    const env22: Record<string, string | undefined> = {};
    noteNodeSupport({
      env: env22,
      version: 'v22.12.0',
      markerDir: dir,
      write: (l) => lines.push(l),
    });
    expect(env22).toEqual({});
    const chosen = { [SDK_WARNING_SWITCH]: 'false' };
    noteNodeSupport({
      env: chosen,
      version: 'v20.19.0',
      markerDir: dir,
      write: (l) => lines.push(l),
    });
    expect(chosen).toEqual({ [SDK_WARNING_SWITCH]: 'false' });
    expect(lines).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps the AWS SDK from printing its warning when a broker is created', () => {
    // Real child processes building real SDK clients, twice with the same cache directory.
    const cache = markerDir();
    const script = `import { createAwsBroker } from ${JSON.stringify(
      fileURLToPath(new URL('../index.ts', import.meta.url)),
    )};
const broker = createAwsBroker({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
await broker.close();`;
    const { [SDK_WARNING_SWITCH]: _, ...env } = process.env;
    const stderr = [0, 1].map(
      () =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', '--conditions=@sealbus/source', '--input-type=module', '-e', script],
          { env: { ...env, XDG_CACHE_HOME: cache }, encoding: 'utf8' },
        ).stderr,
    );
    // The CI's default Node is 20; on Node 22+ neither the SDK nor sealbus has anything to say.
    const major = Number(process.versions.node.split('.')[0]);
    expect(stderr).toEqual(major < 22 ? [NODE_SUPPORT_NOTE, ''] : ['', '']);
  });
});
