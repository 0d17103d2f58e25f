import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { backendFlags } from '@sealbus/backends';
import { describe, expect, it } from 'vitest';
import { processIo } from '../src/output/CliIo.js';
import { buildProgram } from '../src/program/buildProgram.js';
import { defaultContext } from '../src/program/CommandContext.js';
import { type CodeBlock, codeBlocks, documentationFiles } from './support/markdown.js';
import { CLI_BIN, REPO_ROOT } from './support/runCli.js';

/*
 * Every documentation page (README.md, docs/*.md, packages/* and apps/* READMEs) follows the
 * convention of docs/getting-started.md#code-blocks-in-the-docs:
 *   ```ts                  typechecked against the workspace packages (one tsc program)
 *   ```ts example: <file>  equal to <file>, a program in examples/src (typechecked and run there)
 *   ```sh                  run, in order per page, in a fresh directory with the built `sealbus`
 *   ```sh no-run: <reason> shown only (servers, global installs, AWS, the demo's own data)
 *   ```json                parsed
 *   ```python, plain ```   shown only (boto3 example, formats, diagrams)
 */

const run = promisify(execFile);
const DOCS = documentationFiles();
/** Languages a block may use; `sh` blocks may also carry `no-run: <reason>`. */
const KNOWN_LANGS = new Set(['ts', 'sh', 'json', 'python', '']);
const NO_RUN = /^no-run: \S/;
const EXAMPLE = /^example: (examples\/src\/[\w-]+\.ts)$/;

const blocksOf = (file: string, lang: string) =>
  codeBlocks(file).filter((block) => block.lang === lang);
const runnableShell = (file: string) =>
  blocksOf(file, 'sh').filter((block) => !NO_RUN.test(block.info));
const where = (file: string, block: CodeBlock) => `${file}:${block.line}`;

describe('code blocks follow the docs convention', () => {
  it.each(DOCS)('%s', (file) => {
    const wrong = codeBlocks(file)
      .filter(
        (block) =>
          !KNOWN_LANGS.has(block.lang) ||
          (block.info !== '' &&
            !(block.lang === 'sh' && NO_RUN.test(block.info)) &&
            !(block.lang === 'ts' && EXAMPLE.test(block.info))),
      )
      .map((block) => `${where(file, block)} \`\`\`${block.lang} ${block.info}`);
    expect(wrong).toEqual([]);
  });
});

describe('every page is reachable', () => {
  const links = (file: string) =>
    [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/\]\(([^)#\s]+)/g)].map((m) =>
      m[1]!.replace(/^(\.\.\/)+/, '').replace(/\/$/, ''),
    );

  it('README.md links every page in docs/', () => {
    const linked = new Set(links('README.md'));
    expect(DOCS.filter((file) => file.startsWith('docs/') && !linked.has(file))).toEqual([]);
  });

  it('docs/architecture.md links every package and app README', () => {
    const linked = new Set(links('docs/architecture.md'));
    const readmes = DOCS.filter((file) => /^(packages|apps)\//.test(file));
    expect(readmes.filter((file) => !linked.has(file.replace(/\/README\.md$/, '')))).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  it('documents every command with a runnable example', async () => {
    const documented = runnableShell('docs/cli.md')
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
    walk(buildProgram(defaultContext(processIo, await backendFlags())), []);
    expect(missing).toEqual([]);
  });
});

describe('TypeScript samples are the files of examples/', () => {
  const shown = DOCS.flatMap((file) =>
    blocksOf(file, 'ts').flatMap((block) => {
      const path = EXAMPLE.exec(block.info)?.[1];
      return path === undefined ? [] : [{ file, block, path }];
    }),
  );

  it('each included sample equals its file', () => {
    expect(shown.length).toBeGreaterThan(0);
    const drifted = shown
      .filter(({ block, path }) => block.code !== readFileSync(join(REPO_ROOT, path), 'utf8'))
      .map(({ file, block, path }) => `${where(file, block)} differs from ${path}`);
    expect(drifted).toEqual([]);
  });

  it('every sample is shown in a page', () => {
    const files = readdirSync(join(REPO_ROOT, 'examples/src'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `examples/src/${name}`);
    const included = new Set(shown.map(({ path }) => path));
    expect(files.filter((path) => !included.has(path))).toEqual([]);
  });
});

describe('JSON blocks', () => {
  it('parse', () => {
    const broken = DOCS.flatMap((file) =>
      blocksOf(file, 'json').flatMap((block) => {
        try {
          JSON.parse(block.code);
          return [];
        } catch (error) {
          return [`${where(file, block)}: ${(error as Error).message}`];
        }
      }),
    );
    expect(broken).toEqual([]);
  });
});

describe.each(DOCS.filter((file) => runnableShell(file).length > 0))(
  '%s shell examples',
  (file) => {
    it('run in order without an error', { timeout: 600_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sealbus-docs-'));
      try {
        for (const block of runnableShell(file)) {
          const script = `set -euo pipefail\nsealbus() { node "${CLI_BIN}" "$@"; }\n${block.code}`;
          const result = await run('bash', ['-c', script], {
            cwd: dir,
            env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
          }).catch((error: { code: number; stderr: string }) => error);
          if ('code' in result && result.code !== 0) {
            expect.fail(`${where(file, block)} failed (exit ${result.code}): ${result.stderr}`);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

interface WorkspacePackage {
  dir: string;
  /** The package's own name and every package it may import. */
  resolvable: Set<string>;
}

function workspacePackages(): WorkspacePackage[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(REPO_ROOT, group))
      .sort()
      .map((name) => {
        const dir = join(REPO_ROOT, group, name);
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
          name: string;
          dependencies?: Record<string, string>;
          devDependencies?: Record<string, string>;
        };
        return {
          dir,
          resolvable: new Set([
            manifest.name,
            ...Object.keys(manifest.dependencies ?? {}),
            ...Object.keys(manifest.devDependencies ?? {}),
          ]),
        };
      }),
  );
}

/** The npm packages a snippet imports (`@scope/name` or `name`), without `node:` builtins. */
function importedPackages(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:from|import)\s*'([^']+)'/g)].map((m) => m[1]!);
  return specifiers
    .filter((specifier) => !specifier.startsWith('node:') && !specifier.startsWith('.'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

describe('TypeScript snippets in the docs', () => {
  it('typecheck against the workspace packages', { timeout: 600_000 }, async () => {
    const packages = workspacePackages();
    const unplaced: string[] = [];
    // Each snippet is written into the first workspace package that may import everything the
    // snippet imports, so `@sealbus/*` and npm packages resolve as they do for that package.
    // Samples included from examples/ are typechecked there, by the root typecheck.
    const snippets = DOCS.flatMap((file) =>
      blocksOf(file, 'ts')
        .filter((block) => !EXAMPLE.test(block.info))
        .flatMap((block) => {
          const imports = importedPackages(block.code);
          const home = packages.find((pkg) => imports.every((name) => pkg.resolvable.has(name)));
          if (home === undefined) {
            unplaced.push(`${where(file, block)} imports ${imports.join(', ')}`);
            return [];
          }
          const name = `${file.replace(/\.md$/, '').replace(/\W+/g, '-')}-line-${block.line}.ts`;
          return [{ home: home.dir, name, code: block.code }];
        }),
    );
    expect(unplaced, 'no workspace package may import all of these').toEqual([]);
    expect(snippets.length).toBeGreaterThan(0);
    const dirName = `.doc-snippets-${process.pid}`;
    const homes = [...new Set(snippets.map((snippet) => snippet.home))];
    // The tsconfig sits inside a package, so `types: ["node"]` resolves from the workspace.
    const configDir = join(REPO_ROOT, 'packages/cli', dirName);
    try {
      for (const home of homes) mkdirSync(join(home, dirName), { recursive: true });
      mkdirSync(configDir, { recursive: true });
      const files = snippets.map((snippet) => {
        const path = join(snippet.home, dirName, snippet.name);
        writeFileSync(path, `${snippet.code}\nexport {};\n`);
        return path;
      });
      writeFileSync(
        join(configDir, 'tsconfig.json'),
        JSON.stringify({
          extends: join(REPO_ROOT, 'tsconfig.base.json'),
          compilerOptions: { noEmit: true },
          files,
        }),
      );
      const tsc = createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/bin/tsc');
      const result = await run(process.execPath, [tsc, '-p', configDir]).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect('code' in result && result.code !== 0 ? result.stdout : '').toBe('');
    } finally {
      for (const home of homes) rmSync(join(home, dirName), { recursive: true, force: true });
      rmSync(configDir, { recursive: true, force: true });
    }
  });
});
