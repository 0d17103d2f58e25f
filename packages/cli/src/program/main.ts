import { backendFlags } from '@sealbus/backends';
import { CommanderError } from 'commander';
import { processIo } from '../output/CliIo.js';
import { EXIT_CODES } from '../output/errorTaxonomy.js';
import { describeError, formatError } from '../output/reportError.js';
import { buildProgram } from './buildProgram.js';
import { type CommandContext, defaultContext } from './CommandContext.js';

const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * Runs the CLI on `argv` (without the node and script entries) and resolves with the exit code.
 * Every failure becomes one line on stderr: `sealbus: <code>: <message>`.
 */
export async function main(argv: readonly string[], context?: CommandContext): Promise<number> {
  const ctx = context ?? defaultContext(processIo, await backendFlags());
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError && QUIET_EXITS.has(error.code)) return error.exitCode;
    const json = argv.includes('--json');
    ctx.io.stderr.write(`${formatError(describeError(error), json)}\n`);
    return describeError(error).exitCode;
  }
}
