import { startConsoleServer } from '@sealbus/console';
import { Command } from 'commander';
import {
  type CommandContext,
  requireLocal,
  withBackend,
  withExamples,
} from '../program/CommandContext.js';
import { parseCount } from '../program/parsers.js';

interface ConsoleFlags {
  port: string;
  host: string;
  token?: string;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

export function consoleCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('console')
      .description(
        'Serve the web console (queues, DLQs, topics, keys, audit) for a local backend until SIGINT/SIGTERM',
      )
      .option('--port <port>', 'listen port (0 picks a free one)', '4567')
      .option('--host <host>', 'listen address; anything but loopback needs --token', '127.0.0.1')
      .option('--token <token>', 'access token (≥ 16 characters; env SEALBUS_CONSOLE_TOKEN)'),
    [
      'sealbus console --path ./.sealbus/sealbus.db',
      'sealbus console --host 0.0.0.0 --token "$(openssl rand -hex 16)"',
    ],
  ).action((opts: ConsoleFlags, command: Command) =>
    withBackend(ctx, command, async ({ backend, out }) => {
      const local = await requireLocal(
        backend,
        'console',
        'Use the AWS console for SQS, SNS and KMS.',
      );
      const token = opts.token ?? ctx.io.env['SEALBUS_CONSOLE_TOKEN'];
      const region = backend.config.values['region'];
      const server = await startConsoleServer({
        broker: local.engine,
        kms: local.kms,
        ...(region === undefined ? {} : { region }),
        host: opts.host,
        port: parseCount(opts.port, 'port'),
        ...(token === undefined ? {} : { accessToken: token }),
      });
      out.result({ url: server.url }, ({ url }) => `sealbus console listening on ${url}`);
      await untilSignal();
      await server.close();
    }),
  );
}
