#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino } from 'pino';
import { openSqliteBackend } from './backend.js';
import { GATEWAY_USAGE, parseGatewayCliOptions, startupBanner } from './cli/options.js';
import { createGateway } from './gateway.js';

/** `pnpm --filter ./apps/gateway start`: the gateway over one SQLite file (broker + local KMS). */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseGatewayCliOptions>;
  try {
    options = parseGatewayCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${GATEWAY_USAGE}`,
    );
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(GATEWAY_USAGE);
    return;
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const backend = openSqliteBackend(options.path, { logger });
  const gateway = await createGateway({
    broker: backend.broker,
    kms: backend.kms,
    port: options.port,
    host: options.host,
    verifySigv4: options.verifySigv4,
    credentials: options.credentials,
    logger,
  });
  process.stdout.write(startupBanner(gateway.url, options));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway shutting down');
    await gateway.close();
    await backend.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop(signal).catch((error: unknown) => {
        logger.error({ err: error }, 'gateway shutdown failed');
        process.exit(1);
      });
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sealbus gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
