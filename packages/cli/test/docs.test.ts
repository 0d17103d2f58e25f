import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { processIo } from '../src/output/CliIo.js';
import { buildProgram } from '../src/program/buildProgram.js';
import { defaultContext } from '../src/program/CommandContext.js';
import { codeBlocks } from './support/markdown.js';
import { CLI_BIN, REPO_ROOT } from './support/runCli.js';

const run = promisify(execFile);

/** The docs this package owns; their `ts` blocks are typechecked, cli.md's `sh` blocks run. */
const OWNED_DOCS = ['cli.md', 'concepts.md', 'security-model.md', 'operations.md'];

/** Docs whose `sh` blocks are run, in order, each doc against its own fresh SQLite file. */
const RUNNABLE_DOCS = ['cli.md', 'operations.md'];

function shellBlocks(doc: string) {
  return codeBlocks(doc).filter((block) => block.lang === 'sh');
}

describe('docs/cli.md', () => {
  it('documents every command with a runnable example', () => {
    const documented = shellBlocks('cli.md')
      .map((block) => block.code)
      .join('\n');
    const missing: string[] = [];
    const walk = (command: ReturnType<typeof buildProgram>, path: string[]) => {
      for (const sub of command.commands) {
        const subPath = [...path, sub.name()];
        if (sub.commands.length === 0 && !documented.includes(`sealbus ${subPath.join(' ')}`)) {
          missing.push(subPath.join(' '));
        }
        walk(sub, subPath);
      }
    };
    walk(buildProgram(defaultContext(processIo)), []);
    expect(missing).toEqual([]);
  });
});

describe.each(RUNNABLE_DOCS)('docs/%s shell examples', (doc) => {
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('run in order without an error', { timeout: 600_000 }, async () => {
    const blocks = shellBlocks(doc);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const script = `set -euo pipefail\nsealbus() { node "${CLI_BIN}" "$@"; }\n${block.code}`;
      const result = await run('bash', ['-c', script], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      }).catch((error: { code: number; stderr: string }) => error);
      if ('code' in result && result.code !== 0) {
        expect.fail(
          `docs/${doc} block at line ${block.line} failed (exit ${result.code}): ${result.stderr}`,
        );
      }
    }
  });
});

describe('TypeScript snippets in the docs', () => {
  it('typecheck against the workspace packages', { timeout: 600_000 }, async () => {
    const snippets = OWNED_DOCS.flatMap((doc) =>
      codeBlocks(doc)
        .filter((block) => block.lang === 'ts')
        .map((block) => ({
          name: `${doc.replace('.md', '')}-line-${block.line}.ts`,
          code: block.code,
        })),
    );
    expect(snippets.length).toBeGreaterThan(0);
    // Inside the package, so `@sealbus/*` resolve like they do for the package's own code.
    const dir = join(REPO_ROOT, 'packages/cli', `.doc-snippets-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      for (const snippet of snippets)
        writeFileSync(join(dir, snippet.name), `${snippet.code}\nexport {};\n`);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../../tsconfig.base.json',
          compilerOptions: { noEmit: true },
          include: ['*.ts'],
        }),
      );
      const tsc = createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/bin/tsc');
      const result = await run(process.execPath, [tsc, '-p', dir]).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect('code' in result && result.code !== 0 ? result.stdout : '').toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
