import { createPublicKey } from 'node:crypto';
import type { KeyMetadata } from '@sealbus/core';
import { listAllAliases, listAllKeys } from '@sealbus/core';
import { Command } from 'commander';
import { keyValues, table } from '../output/Output.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';
import { parseCount, readInputFile } from '../program/parsers.js';
import { addGrantCommands } from './keyGrants.js';
import { addTagCommands, parseTagPairs } from './keyTags.js';

function metadataLines(key: KeyMetadata): string[] {
  return keyValues({
    KeyId: key.keyId,
    Arn: key.arn,
    KeyState: key.keyState,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    Algorithms: [
      ...key.encryptionAlgorithms,
      ...(key.signingAlgorithms ?? []),
      ...(key.macAlgorithms ?? []),
    ].join(','),
    KeyManager: key.keyManager,
    Description: key.description,
    CreationDate: key.creationDate.toISOString(),
    DeletionDate: key.deletionDate?.toISOString(),
  });
}

export function keysCommand(ctx: CommandContext): Command {
  const keys = withExamples(
    new Command('keys').description('Manage KMS keys: local KMS on memory/sqlite, AWS KMS on aws'),
    [
      'sealbus keys create --description billing --alias alias/billing',
      'sealbus keys create --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY --tag team=pharmacy',
      'sealbus keys list',
      'sealbus keys rotate alias/billing',
    ],
  );

  keys.addCommand(
    withExamples(
      new Command('create')
        .description(
          'Create a customer managed key: symmetric (default), RSA, elliptic curve or HMAC',
        )
        .option('--description <text>', 'what the key protects')
        .option('--alias <alias/name>', 'also create this alias for the key')
        .option('--policy-file <file>', 'key policy JSON document (default: allow the account)')
        .option(
          '--key-spec <spec>',
          'SYMMETRIC_DEFAULT, RSA_2048|3072|4096, ECC_NIST_P256|P384|P521, ECC_SECG_P256K1, HMAC_224|256|384|512',
        )
        .option('--key-usage <usage>', 'ENCRYPT_DECRYPT, SIGN_VERIFY or GENERATE_VERIFY_MAC')
        .option('--tag <key=value...>', 'tags for the key'),
      [
        'sealbus keys create --description "patient records" --alias alias/records',
        'sealbus keys create --key-spec RSA_3072 --key-usage ENCRYPT_DECRYPT',
      ],
    ).action(
      (
        opts: {
          description?: string;
          alias?: string;
          policyFile?: string;
          keySpec?: string;
          keyUsage?: string;
          tag?: string[];
        },
        command: Command,
      ) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          const key = await backend.keys.createKey({
            ...(opts.description === undefined ? {} : { description: opts.description }),
            ...(opts.policyFile === undefined
              ? {}
              : { policy: readInputFile(opts.policyFile, 'policy-file') }),
            ...(opts.keySpec === undefined ? {} : { keySpec: opts.keySpec }),
            ...(opts.keyUsage === undefined ? {} : { keyUsage: opts.keyUsage }),
            ...(opts.tag === undefined ? {} : { tags: parseTagPairs(opts.tag, 'tag') }),
          });
          if (opts.alias !== undefined) await backend.keys.createAlias(opts.alias, key.keyId);
          out.result({ ...key, ...(opts.alias === undefined ? {} : { alias: opts.alias }) }, () => [
            ...metadataLines(key),
            ...(opts.alias === undefined ? [] : keyValues({ Alias: opts.alias })),
          ]);
        }),
    ),
  );

  keys.addCommand(
    withExamples(new Command('list').description('List keys with their aliases'), [
      'sealbus keys list --json',
    ]).action((_opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const [all, aliases] = await Promise.all([
          listAllKeys(backend.keys),
          listAllAliases(backend.keys),
        ]);
        const rows = all.map((key) => ({
          ...key,
          aliases: aliases
            .filter((alias) => alias.targetKeyId === key.keyId)
            .map((a) => a.aliasName),
        }));
        out.result(rows, () =>
          table(
            ['KeyId', 'Aliases', 'Arn'],
            rows.map((row) => [row.keyId, row.aliases.join(','), row.keyArn]),
          ),
        );
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('describe')
        .description('Show a key: state, manager, dates')
        .argument('<key>', 'key id, key ARN, alias name or alias ARN'),
      ['sealbus keys describe alias/aws/sqs'],
    ).action((key: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        out.result(await backend.keys.describeKey(key), metadataLines);
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('public-key')
        .description('Print the public key of an RSA or elliptic-curve key (PEM; DER in --json)')
        .argument('<key>', 'key id, key ARN, alias name or alias ARN'),
      ['sealbus keys public-key alias/prescriptions > prescriptions.pem'],
    ).action((key: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const info = await backend.keys.getPublicKey(key);
        const der = Buffer.from(info.publicKey);
        const pem = createPublicKey({ key: der, format: 'der', type: 'spki' }).export({
          type: 'spki',
          format: 'pem',
        });
        out.result({ ...info, publicKey: der.toString('base64') }, () =>
          String(pem).trimEnd().split('\n'),
        );
      }),
    ),
  );

  addGrantCommands(keys, ctx);
  addTagCommands(keys, ctx);

  keys.addCommand(
    withExamples(
      new Command('alias')
        .description('Point an alias at a key (created or moved), or delete it')
        .argument('<alias>', 'alias/<name>')
        .argument('[key]', 'the target key; omit with --delete')
        .option('--delete', 'delete the alias'),
      ['sealbus keys alias alias/billing 1234abcd-…', 'sealbus keys alias alias/old --delete'],
    ).action(
      (alias: string, key: string | undefined, opts: { delete?: boolean }, command: Command) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          if (opts.delete === true) {
            await backend.keys.deleteAlias(alias);
            out.result({ aliasName: alias, deleted: true }, () => `deleted ${alias}`);
            return;
          }
          if (key === undefined) {
            command.error(`alias ${alias} needs a target key, or --delete`);
          }
          const exists = (await listAllAliases(backend.keys)).some((a) => a.aliasName === alias);
          if (exists) await backend.keys.updateAlias(alias, key);
          else await backend.keys.createAlias(alias, key);
          const target = await backend.keys.describeKey(alias);
          out.result(
            { aliasName: alias, targetKeyArn: target.arn, action: exists ? 'updated' : 'created' },
            (r) => `${r.action} ${alias} -> ${r.targetKeyArn}`,
          );
        }),
    ),
  );

  for (const [name, verb, call] of [
    ['enable', 'Enable a key', 'enableKey'],
    [
      'disable',
      'Disable a key: sealing and opening with it fail until it is enabled',
      'disableKey',
    ],
  ] as const) {
    keys.addCommand(
      withExamples(new Command(name).description(verb).argument('<key>', 'key id, ARN or alias'), [
        `sealbus keys ${name} alias/billing`,
      ]).action((key: string, _opts: object, command: Command) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          await backend.keys[call](key);
          const meta = await backend.keys.describeKey(key);
          out.result(
            { keyArn: meta.arn, keyState: meta.keyState },
            (r) => `${r.keyArn} ${r.keyState}`,
          );
        }),
      ),
    );
  }

  keys.addCommand(
    withExamples(
      new Command('rotate')
        .description('Rotate key material now, or turn automatic rotation on/off')
        .argument('<key>', 'key id, ARN or alias')
        .option('--automatic-days <days>', 'enable automatic rotation every 90–2560 days')
        .option('--stop-automatic', 'disable automatic rotation')
        .option('--status', 'only show the rotation status'),
      [
        'sealbus keys rotate alias/billing',
        'sealbus keys rotate alias/billing --automatic-days 365',
      ],
    ).action(
      (
        key: string,
        opts: { automaticDays?: string; stopAutomatic?: boolean; status?: boolean },
        command: Command,
      ) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          let rotated = false;
          if (opts.automaticDays !== undefined) {
            await backend.keys.enableKeyRotation(
              key,
              parseCount(opts.automaticDays, 'automatic-days'),
            );
          } else if (opts.stopAutomatic === true) {
            await backend.keys.disableKeyRotation(key);
          } else if (opts.status !== true) {
            await backend.keys.rotateKey(key);
            rotated = true;
          }
          const status = await backend.keys.getKeyRotationStatus(key);
          out.result({ ...status, rotatedNow: rotated }, (s) => [
            ...(rotated ? [`rotated ${s.keyId}: new material seals from now on`] : []),
            ...keyValues({
              KeyId: s.keyId,
              KeyRotationEnabled: s.keyRotationEnabled,
              RotationPeriodInDays: s.rotationPeriodInDays,
              NextRotationDate: s.nextRotationDate?.toISOString(),
            }),
          ]);
        }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('schedule-deletion')
        .description('Schedule a key for deletion after 7–30 days, or cancel it')
        .argument('<key>', 'key id, ARN or alias')
        .option('--days <days>', 'pending window in days (7–30)', '30')
        .option('--cancel', 'cancel a scheduled deletion (the key ends Disabled)'),
      [
        'sealbus keys schedule-deletion alias/old --days 7',
        'sealbus keys schedule-deletion alias/old --cancel',
      ],
    ).action((key: string, opts: { days: string; cancel?: boolean }, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        if (opts.cancel === true) {
          const result = await backend.keys.cancelKeyDeletion(key);
          out.result(
            { ...result, keyState: 'Disabled' },
            (r) => `cancelled deletion of ${r.keyId}; it is Disabled`,
          );
          return;
        }
        const result = await backend.keys.scheduleKeyDeletion(key, parseCount(opts.days, 'days'));
        out.result(result, (r) => `${r.keyId} will be deleted on ${r.deletionDate.toISOString()}`);
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('policy')
        .description('Print a key policy, or replace it from a JSON file')
        .argument('<key>', 'key id, ARN or alias')
        .option('--put <file>', 'the new key policy document'),
      ['sealbus keys policy alias/billing', 'sealbus keys policy alias/billing --put policy.json'],
    ).action((key: string, opts: { put?: string }, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        if (opts.put !== undefined) {
          await backend.keys.putKeyPolicy(key, readInputFile(opts.put, 'put'));
        }
        const policy = await backend.keys.getKeyPolicy(key);
        out.result({ policy: JSON.parse(policy) as unknown }, () => policy);
      }),
    ),
  );
  return keys;
}
