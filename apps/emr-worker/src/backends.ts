import type { Backend } from './backends/Backend.js';
import type { EmrConfig } from './config.js';

export type { Backend } from './backends/Backend.js';

/**
 * Builds the configured backend; the rest of the app sees only `Broker` and `KeyAdmin`. Each
 * backend is loaded on demand, so `--backend memory` never loads the native SQLite module.
 */
export async function openBackend(config: EmrConfig): Promise<Backend> {
  switch (config.backend) {
    case 'memory':
      return (await import('./backends/memory.js')).openMemoryBackend(config);
    case 'sqlite':
      return (await import('./backends/sqlite.js')).openSqliteBackend(config);
    case 'aws':
      return (await import('./backends/aws.js')).openAwsBackend(config);
  }
}
