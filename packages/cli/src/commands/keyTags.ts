import { describeValue, InvalidParameterValueError } from '@sealbus/core';
import { Command } from 'commander';
import { keyValues } from '../output/Output.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';

/** `key=value` pairs (the value may contain `=`); the KMS checks tag limits. */
export function parseTagPairs(pairs: readonly string[], field: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new InvalidParameterValueError(
        `${field} must be key=value, such as team=pharmacy; got ${describeValue(pair)}`,
        { field },
      );
    }
    tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return tags;
}

/** `keys tag`, `keys untag` and `keys tags`: KMS TagResource, UntagResource, ListResourceTags. */
export function addTagCommands(keys: Command, ctx: CommandContext): void {
  keys.addCommand(
    withExamples(
      new Command('tag')
        .description('Add tags to a key or change their values')
        .argument('<key>', 'key id, ARN or alias')
        .argument('<pairs...>', 'key=value pairs'),
      ['sealbus keys tag alias/billing team=finance cost-center=42'],
    ).action((key: string, pairs: string[], _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        await backend.keys.tagResource(key, parseTagPairs(pairs, 'pairs'));
        const tags = await backend.keys.listResourceTags(key);
        out.result(tags, () => keyValues(tags));
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('untag')
        .description('Remove tags from a key')
        .argument('<key>', 'key id, ARN or alias')
        .argument('<tagKeys...>', 'tag keys to remove'),
      ['sealbus keys untag alias/billing cost-center'],
    ).action((key: string, tagKeys: string[], _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        await backend.keys.untagResource(key, tagKeys);
        const tags = await backend.keys.listResourceTags(key);
        out.result(tags, () => keyValues(tags));
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('tags')
        .description("List a key's tags")
        .argument('<key>', 'key id, ARN or alias'),
      ['sealbus keys tags alias/billing --json'],
    ).action((key: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const tags = await backend.keys.listResourceTags(key);
        out.result(tags, () => keyValues(tags));
      }),
    ),
  );
}
