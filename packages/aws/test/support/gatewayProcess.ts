import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `tsx` and `apps/gateway` live. */
const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const STARTUP_TIMEOUT_MS = 60_000;
const LISTENING = /listening on (http:\/\/\S+)/;

export interface GatewayProcess {
  url: string;
  /** Stops the child process (when this test started it) and removes its SQLite file. */
  stop(): Promise<void>;
}

/**
 * The AWS-wire gateway for integration tests. Packages never import apps, so it runs as a child
 * process (`apps/gateway/src/main.ts` on a fresh SQLite file, port 0) and the test reads the URL
 * it prints. `SEALBUS_GATEWAY_URL` points the tests at a gateway that is already running instead.
 */
export async function startGateway(): Promise<GatewayProcess> {
  const external = process.env.SEALBUS_GATEWAY_URL;
  if (external !== undefined && external !== '') return { url: external, stop: async () => {} };
  const directory = mkdtempSync(join(tmpdir(), 'sealbus-aws-gateway-'));
  const child = spawn(
    process.execPath,
    [
      '--conditions=@sealbus/source',
      '--import',
      'tsx',
      'apps/gateway/src/main.ts',
      '--port',
      '0',
      '--path',
      join(directory, 'gw.db'),
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  const stop = async () => {
    await stopChild(child);
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    return { url: await readUrl(child), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => fail(`did not print its URL within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    );
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`The gateway child process ${reason}. stderr:\n${stderr.slice(-2000)}`));
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = LISTENING.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) => fail(`exited with code ${code} before listening`));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
  });
}
