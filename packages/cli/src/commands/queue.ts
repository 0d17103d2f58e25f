import { parseQueueAttributeStrings, type QueueAttributes, queueNameFrom } from '@sealbus/core';
import { Command } from 'commander';
import { keyValues } from '../output/Output.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';
import { collect, parseCount, parsePairs } from '../program/parsers.js';

interface CreateOptions {
  attribute?: string[];
  kmsKey?: string;
  reusePeriod?: string;
  dlq?: string;
  maxReceiveCount: string;
  fifo?: boolean;
}

/** Attributes for display: SQS wire strings, policies as JSON. */
export function attributeRecord(attributes: object): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    record[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return record;
}

export function queueCommand(ctx: CommandContext): Command {
  const queue = withExamples(
    new Command('queue').description('Create, inspect and delete queues'),
    [
      'sealbus queue create billing --kms-key alias/billing --dlq billing-dlq',
      'sealbus queue list',
      'sealbus queue attrs billing',
    ],
  );

  queue.addCommand(
    withExamples(
      new Command('create')
        .description('Create a queue (idempotent for the same attributes, like SQS)')
        .argument('<name>', 'queue name (.fifo suffix for FIFO)')
        .option('--kms-key <key>', 'SSE-KMS with this key (id, ARN or alias, e.g. alias/aws/sqs)')
        .option('--reuse-period <seconds>', 'KmsDataKeyReusePeriodSeconds, 60–86,400')
        .option('--dlq <queue>', 'dead-letter queue (created with the same key if missing)')
        .option('--max-receive-count <n>', 'receives before a message moves to --dlq', '5')
        .option('--fifo', 'FIFO queue (the name must end in .fifo)')
        .option('--attribute <Name=Value>', 'any SQS queue attribute (repeatable)', collect),
      [
        'sealbus queue create billing --kms-key alias/aws/sqs',
        'sealbus queue create billing --kms-key alias/billing --dlq billing-dlq --max-receive-count 3',
        'sealbus queue create orders.fifo --fifo --attribute ContentBasedDeduplication=true',
      ],
    ).action((name: string, opts: CreateOptions, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const attributes: QueueAttributes = parseQueueAttributeStrings(
          parsePairs(opts.attribute ?? [], 'attribute'),
        );
        if (opts.kmsKey !== undefined) attributes.KmsMasterKeyId = opts.kmsKey;
        if (opts.reusePeriod !== undefined) {
          attributes.KmsDataKeyReusePeriodSeconds = parseCount(opts.reusePeriod, 'reuse-period');
        }
        if (opts.fifo === true) attributes.FifoQueue = true;
        if (opts.dlq !== undefined) {
          const dlqAttributes: QueueAttributes = {};
          if (opts.kmsKey !== undefined) dlqAttributes.KmsMasterKeyId = opts.kmsKey;
          if (opts.fifo === true) dlqAttributes.FifoQueue = true;
          const dlq = await backend.broker.createQueue(opts.dlq, dlqAttributes);
          attributes.RedrivePolicy = {
            deadLetterTargetArn: dlq.arn,
            maxReceiveCount: parseCount(opts.maxReceiveCount, 'max-receive-count'),
          };
        }
        const created = await backend.broker.createQueue(name, attributes);
        out.result({ name: created.name, url: created.url, arn: created.arn }, (q) =>
          keyValues({ QueueUrl: q.url, QueueArn: q.arn }),
        );
      }),
    ),
  );

  queue.addCommand(
    withExamples(
      new Command('list')
        .description('List queue URLs')
        .argument('[prefix]', 'only names starting with this'),
      ['sealbus queue list', 'sealbus queue list bill'],
    ).action((prefix: string | undefined, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const urls = await backend.broker.listQueues(prefix);
        out.result(urls, (list) => list);
      }),
    ),
  );

  queue.addCommand(
    withExamples(
      new Command('attrs')
        .description('Show all attributes and counters of a queue')
        .argument('<queue>', 'name, URL or ARN'),
      ['sealbus queue attrs billing --json'],
    ).action((name: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const attributes = await (await backend.broker.getQueue(name)).getAttributes();
        out.result(attributes, (a) => keyValues(attributeRecord(a)));
      }),
    ),
  );

  queue.addCommand(
    withExamples(
      new Command('set')
        .description('Change queue attributes; SSE changes apply to new messages only')
        .argument('<queue>', 'name, URL or ARN')
        .argument('<Name=Value...>', 'SQS attribute names and values'),
      [
        'sealbus queue set billing KmsMasterKeyId=alias/billing',
        'sealbus queue set billing VisibilityTimeout=60 KmsDataKeyReusePeriodSeconds=600',
      ],
    ).action((name: string, pairs: string[], _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const target = await backend.broker.getQueue(name);
        const changes = parseQueueAttributeStrings(parsePairs(pairs, 'attribute'));
        await target.setAttributes(changes);
        const attributes = await target.getAttributes();
        out.result(attributes, (a) => keyValues(attributeRecord(a)));
      }),
    ),
  );

  queue.addCommand(
    withExamples(
      new Command('purge').description('Delete every message of a queue').argument('<queue>'),
      ['sealbus queue purge billing'],
    ).action((name: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const target = await backend.broker.getQueue(name);
        await target.purge();
        out.result({ queueUrl: target.url, purged: true }, () => `purged ${target.name}`);
      }),
    ),
  );

  queue.addCommand(
    withExamples(
      new Command('delete').description('Delete a queue and its messages').argument('<queue>'),
      ['sealbus queue delete billing'],
    ).action((name: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        await backend.broker.deleteQueue(name);
        out.result(
          { queueName: queueNameFrom(name), deleted: true },
          () => `deleted ${queueNameFrom(name)}`,
        );
      }),
    ),
  );
  return queue;
}
