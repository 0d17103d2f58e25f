import { parseTopicAttributeStrings, type TopicAttributes } from '@sealbus/core';
import { Command } from 'commander';
import { keyValues } from '../output/Output.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';
import { collect, parsePairs, readInputFile } from '../program/parsers.js';

export function topicCommand(ctx: CommandContext): Command {
  const topic = withExamples(
    new Command('topic').description('Create and list topics, subscribe queues'),
    [
      'sealbus topic create Patient-Records --kms-key alias/aws/sns',
      'sealbus topic subscribe Patient-Records billing --raw',
    ],
  );

  topic.addCommand(
    withExamples(
      new Command('create')
        .description('Create a topic (idempotent for the same attributes)')
        .argument('<name>', 'topic name (.fifo suffix for FIFO)')
        .option('--kms-key <key>', 'SSE with this key (e.g. alias/aws/sns)')
        .option('--fifo', 'FIFO topic (the name must end in .fifo)')
        .option('--attribute <Name=Value>', 'any SNS topic attribute (repeatable)', collect),
      ['sealbus topic create Patient-Records --kms-key alias/aws/sns'],
    ).action(
      (
        name: string,
        opts: { kmsKey?: string; fifo?: boolean; attribute?: string[] },
        command: Command,
      ) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          const attributes: TopicAttributes = parseTopicAttributeStrings(
            parsePairs(opts.attribute ?? [], 'attribute'),
          );
          if (opts.kmsKey !== undefined) attributes.KmsMasterKeyId = opts.kmsKey;
          if (opts.fifo === true) attributes.FifoTopic = true;
          const created = await backend.broker.createTopic(name, attributes);
          out.result({ name: created.name, arn: created.arn }, (t) =>
            keyValues({ TopicArn: t.arn }),
          );
        }),
    ),
  );

  topic.addCommand(
    withExamples(new Command('list').description('List topic ARNs'), ['sealbus topic list']).action(
      (_opts: object, command: Command) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          out.result(await backend.broker.listTopics(), (arns) => arns);
        }),
    ),
  );

  topic.addCommand(
    withExamples(
      new Command('subscribe')
        .description('Subscribe a queue to a topic')
        .argument('<topic>', 'topic name or ARN')
        .argument('<queue>', 'queue name, URL or ARN')
        .option('--filter-policy <json>', 'SNS filter policy JSON')
        .option('--filter-policy-file <file>', 'SNS filter policy JSON from a file')
        .option('--filter-scope <scope>', 'MessageAttributes or MessageBody', 'MessageAttributes')
        .option('--raw', 'raw message delivery (no SNS JSON envelope)'),
      [
        'sealbus topic subscribe Patient-Records billing --raw',
        `sealbus topic subscribe Patient-Records billing --filter-policy '{"kind":["invoice"]}'`,
      ],
    ).action(
      (
        topicName: string,
        queueName: string,
        opts: {
          filterPolicy?: string;
          filterPolicyFile?: string;
          filterScope: string;
          raw?: boolean;
        },
        command: Command,
      ) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          const policy =
            opts.filterPolicyFile === undefined
              ? opts.filterPolicy
              : readInputFile(opts.filterPolicyFile, 'filter-policy-file');
          const target = await backend.broker.getTopic(topicName);
          const subscription = await target.subscribe(await backend.broker.getQueue(queueName), {
            ...(policy === undefined ? {} : { filterPolicy: policy }),
            filterPolicyScope: opts.filterScope as 'MessageAttributes' | 'MessageBody',
            rawMessageDelivery: opts.raw === true,
          });
          out.result(subscription, (s) =>
            keyValues({ SubscriptionArn: s.arn, TopicArn: s.topicArn, Endpoint: s.endpoint }),
          );
        }),
    ),
  );
  return topic;
}
