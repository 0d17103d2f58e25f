import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ScenarioRun {
  code: number | null;
  output: string;
}

/**
 * Runs the EMR demo (apps/emr-worker) in a child process on the SQLite file the console reads:
 * packages may not import apps, and SQLite is shared across processes anyway.
 */
export function runEmrScenario(
  dbPath: string,
  messages: number,
  ratePerSecond: number,
): Promise<ScenarioRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@sealbus/source',
        '--import',
        'tsx',
        'apps/emr-worker/src/main.ts',
        '--backend',
        'sqlite',
        '--path',
        dbPath,
        '--messages',
        String(messages),
        '--rate',
        String(ratePerSecond),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export const ARTIFACTS_DIR = fileURLToPath(
  new URL('../../../../test-artifacts/console/', import.meta.url),
);
