import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the CLI and the gateway it starts, with their workspace dependencies, before the CLI
 * tests run them as real child processes. turbo's cache makes this a no-op when nothing changed.
 */
export default function buildCli(): void {
  execFileSync(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      '--filter=@sealbus/cli...',
      '--filter=@sealbus/gateway...',
      '--output-logs=errors-only',
    ],
    { cwd: fileURLToPath(new URL('../../../../', import.meta.url)), stdio: 'inherit' },
  );
}
