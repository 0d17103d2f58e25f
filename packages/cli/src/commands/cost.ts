import {
  DEFAULT_KMS_PRICE_PER_10K_REQUESTS,
  describeValue,
  estimateKmsRequests,
  InvalidParameterValueError,
  KMS_COST_SERVICES,
  type KmsCostEstimate,
  type KmsCostService,
} from '@sealbus/core';
import { Command } from 'commander';
import {
  type CommandContext,
  outputFor,
  requireLocal,
  withBackend,
  withExamples,
} from '../program/CommandContext.js';
import { parseCount, parseCountList, parseDecimal, parseSince } from '../program/parsers.js';
import { AUDIT_UNAVAILABLE_ON_AWS, queryAudit } from './audit.js';

interface CostOptions {
  service: string;
  billingSeconds: string;
  reusePeriod: string;
  principals: string;
  consumers?: string;
  pricePer10k: string;
  fromAudit?: boolean;
  key?: string;
  since?: string;
}

/** The operations the formula counts: data keys made and opened. */
export const FORMULA_OPERATIONS = ['GenerateDataKey', 'Decrypt'] as const;
const AUDIT_LIMIT = 100_000;

const count = (n: number) => n.toLocaleString('en-US');

function estimateLines(e: KmsCostEstimate): string[] {
  const formula = e.service === 'sns' ? 'B/D × 2P' : 'B/D × (2P + C)';
  return [
    `${e.service.toUpperCase()} KMS requests = ${formula}, B/D = ${count(e.periods)} periods`,
    ...e.terms.map(
      (t, i) =>
        `  ${e.service === 'sns' ? 'topic' : 'queue'} ${i + 1}: P=${t.principals}${t.consumers === undefined ? '' : ` C=${t.consumers}`} -> ${count(t.requests)} requests`,
    ),
    `requests: ${count(e.requests)}`,
    `cost: $${e.cost.toFixed(2)} at $${e.pricePer10kRequests} per 10,000 requests`,
  ];
}

function parseService(value: string): KmsCostService {
  if (!(KMS_COST_SERVICES as readonly string[]).includes(value)) {
    throw new InvalidParameterValueError(
      `service must be sns or sqs; got ${describeValue(value)}`,
      { field: 'service' },
    );
  }
  return value as KmsCostService;
}

export function costCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('cost')
      .description(
        'Estimate KMS requests and cost with the documented formula, one term per topic/queue: SNS B/D × 2P, SQS B/D × (2P + C)',
      )
      .requiredOption('--service <service>', 'sns or sqs')
      .requiredOption(
        '--billing-seconds <B>',
        'billing period in seconds, e.g. 2,678,400 (31 days)',
      )
      .requiredOption('--reuse-period <D>', 'data key reuse period in seconds (60–86,400)')
      .requiredOption('--principals <P[,P...]>', 'producing principals, one count per topic/queue')
      .option(
        '--consumers <C[,C...]>',
        'SQS consuming principals: one for all queues or one per queue',
      )
      .option(
        '--price-per-10k <usd>',
        'KMS price per 10,000 requests',
        String(DEFAULT_KMS_PRICE_PER_10K_REQUESTS),
      )
      .option('--from-audit', 'compare with GenerateDataKey/Decrypt calls in the local audit log')
      .option('--key <key>', 'with --from-audit: only calls on this key')
      .option('--since <when>', 'with --from-audit: window start (default: now minus B seconds)'),
    [
      'sealbus cost --service sns --billing-seconds 2,678,400 --reuse-period 300 --principals 1',
      'sealbus cost --service sns --billing-seconds 2,419,200 --reuse-period 300 --principals 3,5',
      'sealbus cost --service sqs --billing-seconds 86400 --reuse-period 300 --principals 2 --consumers 1',
      'sealbus cost --service sqs --billing-seconds 3600 --reuse-period 300 --principals 1 --consumers 1 --from-audit',
    ],
  ).action(async (opts: CostOptions, command: Command) => {
    const estimate = estimateKmsRequests({
      service: parseService(opts.service),
      billingSeconds: parseCount(opts.billingSeconds, 'billing-seconds'),
      reusePeriodSeconds: parseCount(opts.reusePeriod, 'reuse-period'),
      principals: parseCountList(opts.principals, 'principals'),
      ...(opts.consumers === undefined
        ? {}
        : { consumers: parseCountList(opts.consumers, 'consumers') }),
      pricePer10kRequests: parseDecimal(opts.pricePer10k, 'price-per-10k'),
    });
    if (opts.fromAudit !== true) {
      outputFor(ctx, command).result(estimate, estimateLines);
      return;
    }
    await withBackend(ctx, command, async ({ backend, out, clock }) => {
      const local = await requireLocal(backend, 'cost --from-audit', AUDIT_UNAVAILABLE_ON_AWS);
      const since =
        opts.since === undefined
          ? new Date(clock.now() - parseCount(opts.billingSeconds, 'billing-seconds') * 1000)
          : parseSince(opts.since, clock.now());
      const byOperation: Record<string, number> = {};
      for (const operation of FORMULA_OPERATIONS) {
        const entries = await queryAudit(local, {
          since,
          operation,
          limit: AUDIT_LIMIT,
          ...(opts.key === undefined ? {} : { key: opts.key }),
        });
        byOperation[operation] = entries.filter((e) => e.result === 'ok').length;
      }
      const recorded = Object.values(byOperation).reduce((a, b) => a + b, 0);
      const report = {
        ...estimate,
        audit: {
          since: since.toISOString(),
          ...(opts.key === undefined ? {} : { key: opts.key }),
          byOperation,
          recorded,
          recordedCost: (recorded / 10_000) * estimate.pricePer10kRequests,
          formulaToRecordedRatio: recorded === 0 ? null : estimate.requests / recorded,
        },
      };
      out.result(report, (r) => [
        ...estimateLines(r),
        `audit log since ${r.audit.since}: ${count(r.audit.recorded)} requests (${FORMULA_OPERATIONS.map((op) => `${op} ${count(byOperation[op] ?? 0)}`).join(', ')})`,
        r.audit.formulaToRecordedRatio === null
          ? 'no KMS calls recorded in that window'
          : `formula / recorded = ${r.audit.formulaToRecordedRatio.toFixed(2)}`,
      ]);
    });
  });
}
