import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagOf, requireCapability } from '@sealbus/backends';
import { UnsupportedOperationError } from '@sealbus/core';
import { Command } from 'commander';
import { backendConfigOf, type CommandContext, withExamples } from '../program/CommandContext.js';
import { parseCount } from '../program/parsers.js';

/**
 * The directory of the `@sealbus/gateway` package as Node resolves it from `from` (the CLI
 * itself by default): installed beside the CLI, or linked into the workspace. The CLI runs its
 * bin in a child process, never imports it, so the gateway stays an optional peer dependency.
 */
export function installedGatewayDir(from: string = import.meta.url): string {
  let manifest: string;
  try {
    manifest = createRequire(from).resolve('@sealbus/gateway/package.json');
  } catch (error) {
    throw new UnsupportedOperationError(
      'The gateway is not installed: run `npm install @sealbus/gateway` where @sealbus/cli is installed, or start it on its own with `npx @sealbus/gateway`.',
      { field: 'gateway', cause: error },
    );
  }
  return `${dirname(manifest)}/`;
}

interface GatewayEntry {
  file: string;
  /** TypeScript sources run through tsx on the workspace's source condition. */
  nodeArgs: string[];
}

/**
 * The gateway's start file: the first `bin` of @sealbus/gateway's package.json, or, in a workspace
 * running from sources (no build), the matching `src/*.ts` file run through tsx.
 */
export function findGatewayEntry(dir = installedGatewayDir()): GatewayEntry {
  const manifestPath = `${dir}package.json`;
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> })
    : undefined;
  if (manifest === undefined) {
    throw new UnsupportedOperationError(
      `The gateway is not installed here: ${manifestPath} does not exist. Reinstall it: npm install @sealbus/gateway.`,
      { field: 'gateway' },
    );
  }
  const bin =
    typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (bin === undefined) {
    throw new UnsupportedOperationError(
      `The gateway cannot start: ${manifestPath} has no "bin" start file. Reinstall the workspace.`,
      { field: 'gateway' },
    );
  }
  const built = fileURLToPath(new URL(bin, `file://${dir}`));
  if (existsSync(built)) return { file: built, nodeArgs: [] };
  const source = built.replace(/\/dist\/(.*)\.js$/, '/src/$1.ts');
  if (source !== built && existsSync(source)) {
    return { file: source, nodeArgs: ['--conditions=@sealbus/source', '--import', 'tsx'] };
  }
  throw new UnsupportedOperationError(
    `The gateway start file ${built} does not exist. Build it first: pnpm --filter @sealbus/gateway build.`,
    { field: 'gateway' },
  );
}

interface GatewayFlags {
  port: string;
  host: string;
  verifySigv4?: boolean;
  credentials?: string;
  consoleToken?: string;
}

/**
 * Fails here, with the CLI's EADDRINUSE report and fix, when the port is taken: the gateway child
 * would only print its own start-up failure.
 */
function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export function gatewayCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('gateway')
      .description(
        'Start the AWS wire-compatible gateway (SQS, SNS, KMS) over the local backend, so AWS SDKs and CLIs can use it',
      )
      .option('--port <port>', 'listen port (0 picks a free one)', '4566')
      .option('--host <host>', 'listen address', '127.0.0.1')
      .option(
        '--verify-sigv4',
        'check every SigV4 signature (secret, date, scope, payload hash); without it the access key id names the caller unchecked',
      )
      .option('--credentials <AKID:SECRET,...>', 'access keys accepted with --verify-sigv4')
      .option(
        '--console-token <token>',
        'access token of the web console at /console, needed with --verify-sigv4 or a non-loopback --host',
      ),
    ['sealbus gateway --port 4566', 'AWS_ENDPOINT_URL=http://127.0.0.1:4566 aws sqs list-queues'],
  ).action(async (opts: GatewayFlags, command: Command) => {
    const config = await backendConfigOf(ctx, command);
    await requireCapability(config, 'local', 'The gateway');
    const port = parseCount(opts.port, 'port');
    if (port !== 0) await assertPortFree(opts.host, port);
    const entry = findGatewayEntry();
    const args = [
      ...entry.nodeArgs,
      entry.file,
      ...['--backend', config.backend],
      ...Object.entries(config.values).flatMap(([name, value]) => [flagOf(name), value]),
      ...['--port', String(port), '--host', opts.host],
      ...(opts.verifySigv4 === true ? ['--verify-sigv4'] : []),
      ...(opts.credentials === undefined ? [] : ['--credentials', opts.credentials]),
      ...(opts.consoleToken === undefined ? [] : ['--console-token', opts.consoleToken]),
    ];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: process.cwd(),
      env: { ...ctx.io.env },
    });
    child.stdout.on('data', (chunk: Buffer) => ctx.io.stdout.write(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => ctx.io.stderr.write(chunk.toString()));
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const code = await new Promise<number>((resolve) => {
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 0 : 1)));
    });
    process.off('SIGINT', forward).off('SIGTERM', forward);
    if (code !== 0) process.exitCode = code;
  });
}
