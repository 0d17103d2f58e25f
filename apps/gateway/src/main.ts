#!/usr/bin/env node
import { pino } from 'pino';
import { gatewayUsage, parseGatewayCliOptions, startupBanner } from './cli/options.js';
import { startGateway } from './cli/startGateway.js';

/** `pnpm --filter ./apps/gateway start`: the gateway over a local backend (broker + local KMS). */
async function main(): Promise<void> {
  let options: Awaited<ReturnType<typeof parseGatewayCliOptions>>;
  try {
    options = await parseGatewayCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${await gatewayUsage()}`,
    );
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(await gatewayUsage());
    return;
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const gateway = await startGateway(options, logger);
  process.stdout.write(startupBanner(gateway.url, options));

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'gateway shutting down');
      gateway.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'gateway shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sealbus gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
