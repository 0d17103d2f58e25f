import { isSealbusError } from '@sealbus/core';
import { openBackend } from './backends.js';
import { parseConfig, UsageError, usage } from './config.js';
import { formatProgress, formatPurge, formatSummary } from './report/printSummary.js';
import { runScenario } from './scenario/runScenario.js';

async function main(): Promise<number> {
  const config = await parseConfig(process.argv.slice(2), process.env);
  if (config === 'help') {
    console.log(await usage());
    return 0;
  }
  const backend = await openBackend(config);
  console.log(
    `EMR fanout: ${config.messages} synthetic patient records at ${config.ratePerSecond}/s\non ${backend.description}`,
  );
  try {
    const summary = await runScenario(backend, {
      messages: config.messages,
      ratePerSecond: config.ratePerSecond,
      poisonShare: config.poisonShare,
      seed: config.seed,
      onPurged: (removed) => console.log(formatPurge(removed)),
      onProgress: (progress) => console.log(formatProgress(progress)),
    });
    console.log(formatSummary(summary, backend.description));
    const path = config.backend.values['path'];
    if (config.backend.backend === 'sqlite' && path !== undefined) {
      console.log(
        [
          '',
          'Look at what is stored, without decrypting:',
          `  pnpm sealbus inspect at-rest Billing-Integration-DLQ --path ${path}`,
          `  pnpm sealbus console --path ${path}`,
        ].join('\n'),
      );
    }
    return summary.problems.length === 0 ? 0 : 1;
  } finally {
    await backend.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`pnpm start: ${error.message}\nRun \`pnpm start --help\` for the options.`);
      process.exit(2);
    }
    const message = isSealbusError(error) ? `${error.code}: ${error.message}` : String(error);
    console.error(`emr-worker: ${message}`);
    process.exit(1);
  },
);
