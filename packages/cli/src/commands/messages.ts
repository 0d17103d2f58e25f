import { type ReceivedMessage, sealedBodyBase64 } from '@sealbus/core';
import { Command } from 'commander';
import { keyValues } from '../output/Output.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';
import { collect, parseCount, parseMessageAttributes, readInputFile } from '../program/parsers.js';

interface BodyOptions {
  bodyFile?: string;
  attribute?: string[];
  groupId?: string;
  dedupId?: string;
  as?: string;
}

function bodyOf(body: string | undefined, opts: BodyOptions, command: Command): string {
  if (opts.bodyFile !== undefined) return readInputFile(opts.bodyFile, 'body-file');
  if (body === undefined)
    command.error('a message body is required: pass it as an argument or with --body-file');
  return body;
}

function addBodyOptions(command: Command): Command {
  return command
    .option('--body-file <file>', 'read the body from a file (- for stdin)')
    .option(
      '--attribute <name[:Type]=value>',
      'message attribute, String unless :Number (repeatable)',
      collect,
    )
    .option('--group-id <id>', 'MessageGroupId (FIFO)')
    .option('--dedup-id <id>', 'MessageDeduplicationId (FIFO)')
    .option('--as <principal>', 'act as this principal (needs kms:GenerateDataKey on an SSE key)');
}

/** The options `send` and `publish` share, in SendOptions/PublishOptions names. */
function sharedMessageOptions(opts: BodyOptions) {
  return {
    messageAttributes: parseMessageAttributes(opts.attribute ?? []),
    ...(opts.groupId === undefined ? {} : { messageGroupId: opts.groupId }),
    ...(opts.dedupId === undefined ? {} : { messageDeduplicationId: opts.dedupId }),
    ...(opts.as === undefined ? {} : { principal: opts.as }),
  };
}

/** What `receive` prints per message: bodies only when this principal could open them. */
function messageView(message: ReceivedMessage) {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.state === 'open' ? message.body : undefined,
    sealed:
      message.state === 'open'
        ? undefined
        : {
            keyArn: message.keyArn,
            reason: message.reason,
            envelopeBase64: sealedBodyBase64(message),
          },
    md5OfBody: message.md5OfBody,
    attributes: message.attributes,
    messageAttributes: message.messageAttributes,
  };
}

export function sendCommand(ctx: CommandContext): Command {
  return withExamples(
    addBodyOptions(
      new Command('send')
        .description('Send a message to a queue (sealed when the queue has SSE)')
        .argument('<queue>', 'name, URL or ARN')
        .argument('[body]', 'message body text')
        .option('--delay <seconds>', 'DelaySeconds 0–900'),
    ),
    [
      `sealbus send billing '{"invoice":42}'`,
      'sealbus send billing --body-file invoice.json --attribute kind=invoice --as billing-producer',
    ],
  ).action(
    (
      queueName: string,
      body: string | undefined,
      opts: BodyOptions & { delay?: string },
      command: Command,
    ) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const text = bodyOf(body, opts, command);
        const queue = await backend.broker.getQueue(queueName);
        const result = await queue.send(text, {
          ...sharedMessageOptions(opts),
          ...(opts.delay === undefined ? {} : { delaySeconds: parseCount(opts.delay, 'delay') }),
        });
        out.result(result, (r) =>
          keyValues({ MessageId: r.messageId, MD5OfMessageBody: r.md5OfMessageBody }),
        );
      }),
  );
}

export function publishCommand(ctx: CommandContext): Command {
  return withExamples(
    addBodyOptions(
      new Command('publish')
        .description('Publish a message to a topic (fans out to subscribed queues)')
        .argument('<topic>', 'name or ARN')
        .argument('[body]', 'message body text')
        .option('--subject <text>', 'SNS Subject'),
    ),
    [`sealbus publish Patient-Records '{"patient":7}' --attribute kind=invoice`],
  ).action(
    (
      topicName: string,
      body: string | undefined,
      opts: BodyOptions & { subject?: string },
      command: Command,
    ) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const text = bodyOf(body, opts, command);
        const topic = await backend.broker.getTopic(topicName);
        const result = await topic.publish(text, {
          ...sharedMessageOptions(opts),
          ...(opts.subject === undefined ? {} : { subject: opts.subject }),
        });
        out.result(result, (r) => keyValues({ MessageId: r.messageId }));
      }),
  );
}

interface ReceiveFlags {
  max: string;
  wait: string;
  visibility?: string;
  delete?: boolean;
  as?: string;
}

export function receiveCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('receive')
      .description(
        'Receive messages; a principal without kms:Decrypt gets them sealed (body stays ciphertext)',
      )
      .argument('<queue>', 'name, URL or ARN')
      .option('--max <n>', 'messages to receive, 1–10', '1')
      .option('--wait <seconds>', 'long-poll up to 0–20 seconds', '0')
      .option('--visibility <seconds>', 'visibility timeout for these messages')
      .option('--delete', 'delete each message after printing it')
      .option('--as <principal>', 'act as this principal (needs kms:Decrypt on an SSE key)'),
    ['sealbus receive billing --max 10 --delete', 'sealbus receive billing --as auditor --json'],
  ).action((queueName: string, opts: ReceiveFlags, command: Command) =>
    withBackend(ctx, command, async ({ backend, out }) => {
      const queue = await backend.broker.getQueue(queueName);
      const messages = await queue.receive({
        maxMessages: parseCount(opts.max, 'max'),
        waitTimeSeconds: parseCount(opts.wait, 'wait'),
        ...(opts.visibility === undefined
          ? {}
          : { visibilityTimeoutSeconds: parseCount(opts.visibility, 'visibility') }),
        ...(opts.as === undefined ? {} : { principal: opts.as }),
      });
      if (opts.delete === true && messages.length > 0) {
        const { failed } = await queue.deleteBatch(
          messages.map((message) => message.receiptHandle),
        );
        // Printed messages stay printed; say which ones will come back after their visibility timeout.
        for (const failure of failed) {
          out.note(
            `not deleted: ${messages[Number(failure.id)]?.messageId ?? failure.id} (${failure.code}: ${failure.message})`,
          );
        }
      }
      const views = messages.map(messageView);
      out.result(views, (list) =>
        list.length === 0
          ? ['no messages']
          : list.flatMap((m) => [
              m.sealed === undefined
                ? `${m.messageId} ${m.body}`
                : `${m.messageId} <sealed: ${m.sealed.reason} under ${m.sealed.keyArn}>`,
            ]),
      );
    }),
  );
}
