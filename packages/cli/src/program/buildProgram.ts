import { BACKEND_KINDS } from '@sealbus/backends';
import { Command, Option } from 'commander';
import { auditCommand } from '../commands/audit.js';
import { backupCommand } from '../commands/backup.js';
import { consoleCommand } from '../commands/console.js';
import { costCommand } from '../commands/cost.js';
import { deliveriesCommand } from '../commands/deliveries.js';
import { dlqCommand } from '../commands/dlq.js';
import { gatewayCommand } from '../commands/gateway.js';
import { inspectCommand } from '../commands/inspect.js';
import { keysCommand } from '../commands/keys.js';
import { publishCommand, receiveCommand, sendCommand } from '../commands/messages.js';
import { queueCommand } from '../commands/queue.js';
import { topicCommand } from '../commands/topic.js';
import { LOG_LEVELS } from '../operability/createLogger.js';
import type { CommandContext } from './CommandContext.js';

export const CLI_VERSION = '0.1.0';

/** Every command throws instead of exiting and writes through `ctx.io`; `main` reports errors. */
function configure(command: Command, ctx: CommandContext): void {
  command.exitOverride().configureOutput({
    writeOut: (text) => ctx.io.stdout.write(text),
    writeErr: (text) => ctx.io.stderr.write(text),
    outputError: () => {},
  });
  for (const sub of command.commands) configure(sub, ctx);
}

/** The `sealbus` command tree; `main` parses argv with it. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('sealbus')
    .description(
      'sealbus: SSE-sealed queues and topics on memory, SQLite or AWS. Global options work before or after any command.',
    )
    .version(CLI_VERSION);
  // Backend flags come from the installed backends' descriptors.
  for (const flag of ctx.backendFlags) {
    const option = new Option(`${flag.flag} <${flag.name}>`, flag.description);
    program.addOption(flag.name === 'backend' ? option.choices(BACKEND_KINDS) : option);
  }
  program
    .option(
      '--create',
      'create the SQLite file if missing (commands that create queues, topics or keys always may)',
    )
    .option('--json', 'machine-readable JSON on stdout (errors as JSON on stderr)')
    .addOption(
      new Option(
        '--log-level <level>',
        'structured logs on stderr (env SEALBUS_LOG_LEVEL; default warn)',
      ).choices(LOG_LEVELS),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ sealbus keys create --description billing --alias alias/billing
  $ sealbus queue create billing --kms-key alias/billing --dlq billing-dlq
  $ sealbus send billing '{"invoice":42}'
  $ sealbus inspect at-rest billing
  $ sealbus cost --service sns --billing-seconds 2,678,400 --reuse-period 300 --principals 1

Exit codes: 0 ok, 1 request refused (the error code says why), 2 usage error, 3 service or internal failure.
`,
    );
  for (const command of [
    keysCommand(ctx),
    queueCommand(ctx),
    topicCommand(ctx),
    sendCommand(ctx),
    receiveCommand(ctx),
    publishCommand(ctx),
    dlqCommand(ctx),
    inspectCommand(ctx),
    auditCommand(ctx),
    costCommand(ctx),
    gatewayCommand(ctx),
    deliveriesCommand(ctx),
    consoleCommand(ctx),
    backupCommand(ctx),
  ]) {
    program.addCommand(command);
  }
  configure(program, ctx);
  return program;
}
