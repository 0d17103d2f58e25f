import type { PeekedMessage } from '@sealbus/broker-engine';
import { Command } from 'commander';
import { isoTime, keyValues, table } from '../output/Output.js';
import {
  type CommandContext,
  requireLocal,
  withBackend,
  withExamples,
} from '../program/CommandContext.js';
import { parseCount } from '../program/parsers.js';

const PAGE = 1000;

/** How one stored message is kept: what an auditor needs, never the body or plaintext. */
function storageView(message: PeekedMessage) {
  return {
    messageId: message.messageId,
    storage: message.sealed ? ('sealed' as const) : ('plain' as const),
    keyArn: message.keyArn,
    envelopeVersion: message.envelopeVersion,
    storedBytes: message.storedBody.byteLength,
    sentTimestamp: message.sentTimestamp,
    deadLetterQueueSourceArn: message.deadLetterQueueSourceArn,
  };
}

export function inspectCommand(ctx: CommandContext): Command {
  const inspect = withExamples(
    new Command('inspect').description('Inspect storage without decrypting'),
    ['sealbus inspect at-rest billing'],
  );
  inspect.addCommand(
    withExamples(
      new Command('at-rest')
        .description(
          'Show how each stored message is kept (sealed or plain, key ARN, envelope version) by reading storage, never decrypting: evidence for an auditor',
        )
        .argument('<queue>', 'name, URL or ARN')
        .option('--limit <n>', 'most messages to read', '10000'),
      ['sealbus inspect at-rest billing', 'sealbus inspect at-rest billing --json > evidence.json'],
    ).action((name: string, opts: { limit: string }, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const { engine } = await requireLocal(
          backend,
          'inspect at-rest',
          'On AWS, SQS keeps messages; check the queue with `sealbus queue attrs` (KmsMasterKeyId) and AWS CloudTrail.',
        );
        const limit = parseCount(opts.limit, 'limit', 1);
        const queue = await backend.broker.getQueue(name);
        const attributes = await queue.getAttributes();
        const messages: ReturnType<typeof storageView>[] = [];
        let after: string | undefined;
        // One message past the limit tells whether the report is complete.
        while (messages.length <= limit) {
          const page = await engine.peek(queue.url, {
            limit: Math.min(PAGE, limit + 1 - messages.length),
            ...(after === undefined ? {} : { afterMessageId: after }),
          });
          messages.push(...page.map(storageView));
          if (page.length === 0 || page.length < PAGE) break;
          after = page.at(-1)!.messageId;
        }
        const truncated = messages.length > limit;
        messages.splice(limit);
        const sealed = messages.filter((m) => m.storage === 'sealed').length;
        const report = {
          queueArn: queue.arn,
          sse: {
            kmsMasterKeyId: attributes.KmsMasterKeyId,
            sqsManagedSseEnabled: attributes.SqsManagedSseEnabled,
          },
          summary: {
            messages: messages.length,
            sealed,
            plain: messages.length - sealed,
            truncated,
          },
          keys: [...new Set(messages.flatMap((m) => (m.keyArn === undefined ? [] : [m.keyArn])))],
          messages,
        };
        out.result(report, (r) => [
          ...keyValues({
            QueueArn: r.queueArn,
            'SSE now':
              r.sse.kmsMasterKeyId ?? (r.sse.sqsManagedSseEnabled === true ? 'SSE-SQS' : 'off'),
            Messages: r.summary.messages,
            Sealed: r.summary.sealed,
            Plain: r.summary.plain,
            ...(r.summary.truncated ? { Note: `stopped at --limit ${limit}` } : {}),
          }),
          '',
          ...table(
            ['MessageId', 'Storage', 'KeyArn', 'Envelope', 'Bytes', 'Sent'],
            r.messages.map((m) => [
              m.messageId,
              m.storage,
              m.keyArn,
              m.envelopeVersion === undefined ? undefined : `v${m.envelopeVersion}`,
              m.storedBytes,
              isoTime(m.sentTimestamp),
            ]),
          ),
        ]);
      }),
    ),
  );
  return inspect;
}
