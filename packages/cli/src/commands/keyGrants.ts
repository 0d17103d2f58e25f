import { listAllGrants } from '@sealbus/core';
import { Command } from 'commander';
import { table } from '../output/Output.js';
import { type CommandContext, withBackend, withExamples } from '../program/CommandContext.js';

/** `keys grant`, `keys grants`, `keys revoke-grant`, `keys retire-grant`: KMS grants. */
export function addGrantCommands(keys: Command, ctx: CommandContext): void {
  keys.addCommand(
    withExamples(
      new Command('grant')
        .description('Let a principal use a key for some operations, without changing its policy')
        .argument('<key>', 'key id, ARN or alias')
        .requiredOption('--grantee <principal>', 'the principal that may use the key')
        .requiredOption('--operations <list>', 'comma-separated, e.g. Decrypt,GenerateDataKey')
        .option('--retiring <principal>', 'a principal that may retire the grant')
        .option('--name <name>', 'a name for the grant'),
      ['sealbus keys grant alias/billing --grantee AKIDWORKER --operations Decrypt'],
    ).action(
      (
        key: string,
        opts: { grantee: string; operations: string; retiring?: string; name?: string },
        command: Command,
      ) =>
        withBackend(ctx, command, async ({ backend, out }) => {
          const grant = await backend.keys.createGrant({
            keyId: key,
            granteePrincipal: opts.grantee,
            operations: opts.operations.split(',').map((op) => op.trim()),
            ...(opts.retiring === undefined ? {} : { retiringPrincipal: opts.retiring }),
            ...(opts.name === undefined ? {} : { name: opts.name }),
          });
          out.result(grant, (g) => [`GrantId:    ${g.grantId}`, `GrantToken: ${g.grantToken}`]);
        }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('grants')
        .description("List a key's grants")
        .argument('<key>', 'key id, ARN or alias'),
      ['sealbus keys grants alias/billing'],
    ).action((key: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        const grants = await listAllGrants(backend.keys, key);
        out.result(grants, () =>
          table(
            ['GrantId', 'Grantee', 'Operations', 'Name'],
            grants.map((g) => [
              g.grantId,
              g.granteePrincipal,
              g.operations.join(','),
              g.name ?? '',
            ]),
          ),
        );
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('revoke-grant')
        .description('Revoke a grant (needs kms:RevokeGrant on the key)')
        .argument('<key>', 'key id, ARN or alias')
        .argument('<grantId>', 'the grant id'),
      ['sealbus keys revoke-grant alias/billing 0c8…'],
    ).action((key: string, grantId: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        await backend.keys.revokeGrant(key, grantId);
        out.result({ grantId, revoked: true }, () => `revoked grant ${grantId}`);
      }),
    ),
  );

  keys.addCommand(
    withExamples(
      new Command('retire-grant')
        .description('Retire a grant by its token (as its retiring principal or grantee)')
        .argument('<grantToken>', 'the token CreateGrant returned'),
      ['sealbus keys retire-grant "$TOKEN"'],
    ).action((grantToken: string, _opts: object, command: Command) =>
      withBackend(ctx, command, async ({ backend, out }) => {
        await backend.keys.retireGrant({ grantToken });
        out.result({ retired: true }, () => 'retired the grant');
      }),
    ),
  );
}
