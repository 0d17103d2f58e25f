import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  describeValue,
  InvalidParameterValueError,
  UnsupportedOperationError,
} from '@sealbus/core';
import { Command } from 'commander';
import { resolveBackendConfig } from '../backend/BackendConfig.js';
import { type CommandContext, globalOptions, withExamples } from '../program/CommandContext.js';
import { parseCount } from '../program/parsers.js';

/** apps/gateway of this workspace (the CLI is a package, so it runs the app, never imports it). */
const GATEWAY_DIR = fileURLToPath(new URL('../../../../apps/gateway/', import.meta.url));

interface GatewayEntry {
  file: string;
  /** TypeScript sources run through tsx on the workspace's source condition. */
  nodeArgs: string[];
}

/** The gateway's start file: the first `bin` of apps/gateway/package.json. */
export function findGatewayEntry(dir = GATEWAY_DIR): GatewayEntry {
  const manifestPath = `${dir}package.json`;
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> })
    : undefined;
  const bin =
    typeof manifest?.bin === 'string' ? manifest.bin : Object.values(manifest?.bin ?? {})[0];
  if (bin === undefined) {
    throw new UnsupportedOperationError(
      `The gateway is not installed here: ${manifestPath} has no "bin" start file. Install the workspace (pnpm install) with apps/gateway, or run the gateway app directly.`,
      { field: 'gateway' },
    );
  }
  const file = fileURLToPath(new URL(bin, `file://${dir}`));
  if (!existsSync(file)) {
    throw new UnsupportedOperationError(
      `The gateway start file ${file} does not exist. Build it first: pnpm --filter @sealbus/gateway build.`,
      { field: 'gateway' },
    );
  }
  return {
    file,
    nodeArgs: file.endsWith('.ts') ? ['--conditions=@sealbus/source', '--import', 'tsx'] : [],
  };
}

export function gatewayCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('gateway')
      .description(
        'Start the AWS wire-compatible gateway (SQS, SNS, KMS) over the local backend, so AWS SDKs and CLIs can use it',
      )
      .option('--port <port>', 'listen port', '4566')
      .option('--host <host>', 'listen address', '127.0.0.1'),
    ['sealbus gateway --port 4566', 'AWS_ENDPOINT_URL=http://127.0.0.1:4566 aws sqs list-queues'],
  ).action(async (opts: { port: string; host: string }, command: Command) => {
    const config = resolveBackendConfig(globalOptions(command), ctx.io.env);
    if (config.backend === 'aws') {
      throw new InvalidParameterValueError(
        `The gateway serves a local backend; got ${describeValue(config.backend)}. Use --backend sqlite or memory.`,
        { field: 'backend' },
      );
    }
    const port = parseCount(opts.port, 'port');
    const entry = findGatewayEntry();
    const child = spawn(
      process.execPath,
      [...entry.nodeArgs, entry.file, '--port', String(port), '--host', opts.host],
      {
        stdio: 'inherit',
        env: { ...ctx.io.env, SEALBUS_BACKEND: config.backend, SEALBUS_SQLITE_PATH: config.path },
      },
    );
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const code = await new Promise<number>((resolve) => {
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 0 : 1)));
    });
    process.off('SIGINT', forward).off('SIGTERM', forward);
    if (code !== 0) process.exitCode = code;
  });
}
