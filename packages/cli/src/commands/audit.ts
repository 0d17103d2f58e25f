import type { LocalBackendParts } from '@sealbus/backends';
import type { AuditEntry } from '@sealbus/kms-local';
import { Command } from 'commander';
import { table } from '../output/Output.js';
import {
  type CommandContext,
  requireLocal,
  withBackend,
  withExamples,
} from '../program/CommandContext.js';
import { parseCount, parseSince } from '../program/parsers.js';

export interface AuditFilter {
  key?: string;
  since?: Date;
  operation?: string;
  limit?: number;
}

const KEY_ARN = /^arn:[^:]+:kms:[^:]+:\d{12}:key\/.+$/;

/** Audit entries of the local KMS; `key` may be any key reference (resolved to its ARN). */
export async function queryAudit(
  local: LocalBackendParts,
  filter: AuditFilter,
): Promise<AuditEntry[]> {
  let keyArn: string | undefined;
  if (filter.key !== undefined) {
    keyArn = KEY_ARN.test(filter.key) ? filter.key : (await local.kms.describeKey(filter.key)).arn;
  }
  return local.kms.auditLog({
    ...(keyArn === undefined ? {} : { keyArn }),
    ...(filter.since === undefined ? {} : { since: filter.since }),
    ...(filter.operation === undefined ? {} : { operation: filter.operation }),
    ...(filter.limit === undefined ? {} : { limit: filter.limit }),
  });
}

export const AUDIT_UNAVAILABLE_ON_AWS =
  'On AWS, KMS calls are recorded by AWS CloudTrail: query it there.';

function contextText(entry: AuditEntry): string | undefined {
  if (entry.encryptionContext === undefined) return undefined;
  return Object.entries(entry.encryptionContext)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
}

export function auditCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('audit')
      .description(
        'The key-usage log of the local KMS: every call, its principal (and whom it acted for, e.g. a console session) and outcome (never key material)',
      )
      .option('--key <key>', 'only calls on this key (id, ARN or alias)')
      .option('--since <when>', 'ISO time or a duration back from now: 15m, 2h, 7d')
      .option('--operation <name>', 'only this KMS operation, e.g. Decrypt')
      .option('--limit <n>', 'the most recent n entries', '1000'),
    ['sealbus audit --since 1h', 'sealbus audit --key alias/billing --operation Decrypt --json'],
  ).action(
    (opts: { key?: string; since?: string; operation?: string; limit: string }, command: Command) =>
      withBackend(ctx, command, async ({ backend, out, clock }) => {
        const local = await requireLocal(backend, 'audit', AUDIT_UNAVAILABLE_ON_AWS);
        const entries = await queryAudit(local, {
          ...(opts.key === undefined ? {} : { key: opts.key }),
          ...(opts.since === undefined ? {} : { since: parseSince(opts.since, clock.now()) }),
          ...(opts.operation === undefined ? {} : { operation: opts.operation }),
          limit: parseCount(opts.limit, 'limit'),
        });
        out.result(entries, (list) =>
          table(
            ['Time', 'Operation', 'Result', 'Principal', 'OnBehalfOf', 'KeyArn', 'Context'],
            list.map((e) => [
              e.eventTime.toISOString(),
              e.operation,
              e.result === 'ok' ? 'ok' : (e.errorCode ?? 'error'),
              e.principal,
              e.onBehalfOf,
              e.keyArn,
              contextText(e),
            ]),
          ),
        );
      }),
  );
}
