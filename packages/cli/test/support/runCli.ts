import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the binary runs from there. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The built binary (test/support/buildCli.ts builds it before the tests). */
export const CLI_BIN = join(REPO_ROOT, 'packages/cli/dist/bin.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `sealbus` binary in a child process. */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI_BIN, ...args],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** A temp directory with a SQLite file path, and a runner bound to it. */
export interface CliSandbox {
  dir: string;
  path: string;
  run(...args: string[]): Promise<CliResult>;
  /** Runs and parses `--json` stdout, failing with stderr when the command failed. */
  json<T>(...args: string[]): Promise<T>;
  cleanup(): void;
}

export function sandbox(): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-cli-'));
  const path = join(dir, 'sealbus.db');
  const env = { SEALBUS_SQLITE_PATH: path, SEALBUS_BACKEND: 'sqlite' };
  return {
    dir,
    path,
    run: (...args) => runCli(args, env),
    json: async <T>(...args: string[]) => {
      const result = await runCli([...args, '--json'], env);
      if (result.code !== 0) {
        throw new Error(`sealbus ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      }
      return JSON.parse(result.stdout) as T;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
