// Child processes for the multi-process and crash tests of the store packages (SQLite, PostgreSQL).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** A child running a TypeScript fixture; every stdout line it wrote is in `lines`. */
export interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first line equal to `line` (or rejects if the child exits first). */
  waitFor(line: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a package's test fixtures: `spawnFixture(name, args, env)`. */
export type SpawnFixture = (name: string, args: string[], env?: Record<string, string>) => Child;

/**
 * Runs `<packageDir>/test/fixtures/<name>.ts` with the workspace sources, the way an application
 * process runs the package. Pipe writes on Linux are synchronous, so a line the child wrote
 * before SIGKILL is never lost.
 */
export function fixtureSpawner(packageDir: string): SpawnFixture {
  return (name, args, env = {}) => spawnFixture(packageDir, name, args, env);
}

function spawnFixture(
  packageDir: string,
  name: string,
  args: string[],
  env: Record<string, string>,
): Child {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@sealbus/source',
      '--import',
      'tsx',
      join('test', 'fixtures', `${name}.ts`),
      ...args,
    ],
    { cwd: packageDir, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  const listeners = new Map<string, () => void>();
  let partial = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      listeners.get(line)?.();
    }
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    process: child,
    lines,
    exited,
    waitFor(line) {
      if (lines.includes(line)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        listeners.set(line, resolve);
        void exited.then(({ code, signal }) =>
          reject(
            new Error(
              `fixture ${name} exited (code ${code}, signal ${signal}) before printing ${line}`,
            ),
          ),
        );
      });
    },
  };
}

/** Sends the start line the fixtures wait for. */
export function start(child: Child): void {
  child.process.stdin!.write('go\n');
}
