import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/runCli.js';

const run = promisify(execFile);

describe('scripts/bench-report.mjs', () => {
  const root = mkdtempSync(join(tmpdir(), 'sealbus-bench-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function workspacePackage(dir: string, manifest: object, results?: string): void {
    mkdirSync(join(root, dir, 'bench'), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest));
    if (results !== undefined) writeFileSync(join(root, dir, 'bench', 'results.md'), results);
  }

  it('collects every bench/results.md into one page with a summary table', async () => {
    workspacePackage(
      'packages/alpha',
      { name: '@x/alpha', scripts: { bench: 'node bench/a.js' } },
      '# Alpha benchmark\n\n## Throughput\n\n| size | msg/s |\n| --- | ---: |\n| 1 KiB | 42 |\n',
    );
    workspacePackage('packages/beta', { name: '@x/beta', scripts: { bench: 'node bench/b.js' } });
    workspacePackage('packages/gamma', { name: '@x/gamma', scripts: { build: 'tsc' } });
    mkdirSync(join(root, 'docs'), { recursive: true });
    await run(
      process.execPath,
      [join(REPO_ROOT, 'scripts/bench-report.mjs'), '--collect-only', '--root', root],
      {
        cwd: REPO_ROOT,
      },
    );
    const page = readFileSync(join(root, 'docs', 'benchmarks.md'), 'utf8');
    expect(page).toMatch(/^# Benchmarks\n/);
    expect(page).toMatch(
      /\| @x\/alpha +\| `node bench\/a\.js` +\| not run now +\| \[packages\/alpha\/bench\/results\.md\]/,
    );
    expect(page).toMatch(/\| @x\/beta +\| `node bench\/b\.js` +\| not run now +\| none written/);
    expect(page).not.toContain('@x/gamma');
    // The package's headings nest one level under its own section.
    expect(page).toContain('## @x/alpha');
    expect(page).toContain('## Alpha benchmark');
    expect(page).toContain('### Throughput');
    expect(page).toMatch(/\| 1 KiB +\| 42 +\|/);
  });
});
