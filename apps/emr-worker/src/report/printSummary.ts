import type { LatencySummary } from '@sealbus/worker';
import type { ScenarioProgress, ScenarioSummary } from '../scenario/runScenario.js';
import { formatNumber, renderTable } from './table.js';

/** Every line the demo prints fits a 100-column terminal. */
export const MAX_LINE_WIDTH = 100;

/** 12,345 below 100,000; 123k and 1.2M above, so progress lines keep their width. */
function compact(value: number): string {
  const n = Math.round(value);
  if (n < 100_000) return n.toLocaleString('en-US');
  if (n < 1_000_000) return `${Math.round(n / 1_000)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** `[  12.0 s] published 4,800 (400/s) · handled 11,210/14,400 · in flight 96 · DLQ 41` */
export function formatProgress(progress: ScenarioProgress): string {
  const seconds = (progress.elapsedMs / 1_000).toFixed(1);
  const sum = (pick: (q: ScenarioProgress['queues'][number]) => number) =>
    progress.queues.reduce((total, q) => total + pick(q), 0);
  return [
    `[${seconds.padStart(7)} s] published ${compact(progress.published)} (${compact(progress.publishRate)}/s)`,
    `handled ${compact(sum((q) => q.handled))}/${compact(sum((q) => q.expected))}`,
    `in flight ${compact(sum((q) => q.inFlight))}`,
    `DLQ ${compact(sum((q) => q.deadLettered))}`,
  ].join(' · ');
}

/** What the purge before the run removed: said out loud, since it empties the DLQs too. */
export function formatPurge(removed: ReadonlyArray<readonly [string, number]>): string {
  const total = removed.reduce((sum, [, count]) => sum + count, 0);
  const head = 'Purged the six demo queues (3 integrations, 3 DLQs) so this run adds up';
  if (total === 0) return `${head}: they were empty.`;
  return [
    `${head}: removed ${formatNumber(total)} messages of earlier runs:`,
    ...removed
      .filter(([, count]) => count > 0)
      .map(([name, count]) => `  ${name}  ${formatNumber(count)}`),
  ].join('\n');
}

/** `label  value  what it means`, one line per number. */
function explained(rows: ReadonlyArray<readonly [string, string | number, string]>): string {
  const cells = rows.map(([label, value, meaning]) => [
    label,
    typeof value === 'number' ? formatNumber(value) : value,
    meaning,
  ]);
  const labelWidth = Math.max(...cells.map(([label]) => label!.length));
  const valueWidth = Math.max(...cells.map(([, value]) => value!.length));
  return cells
    .map(
      ([label, value, meaning]) =>
        `  ${label!.padEnd(labelWidth)}  ${value!.padStart(valueWidth)}  ${meaning}`,
    )
    .join('\n');
}

/** Milliseconds: one decimal below 10 ms, whole numbers above. */
function ms(value: number): number {
  return value < 10 ? value : Math.round(value);
}

function latencyRow(label: string, latency: LatencySummary): (string | number)[] {
  return latency.count === 0
    ? [label, '-', '-', 0]
    : [label, ms(latency.p50Ms), ms(latency.p99Ms), latency.count];
}

export function formatSummary(summary: ScenarioSummary, backend: string): string {
  const seconds = summary.durationMs / 1_000;
  const publishSeconds = summary.publishMs / 1_000;
  const achieved = publishSeconds > 0 ? summary.published / publishSeconds : 0;
  const kms = summary.kms;
  const lines = [
    '',
    `EMR fanout summary: ${formatNumber(seconds)} s on ${backend}`,
    '',
    'Topic Patient-Records',
    explained([
      ['published', summary.published, 'records published (--messages, or --duration × --rate)'],
      [
        'achieved rate',
        `${formatNumber(Math.round(achieved))}/s`,
        `published ÷ ${formatNumber(publishSeconds)} s of publishing; asked --rate ${formatNumber(summary.ratePerSecond)}`,
      ],
      ['poison', summary.poison, 'malformed records: every handler rejects them, they end in DLQs'],
      [
        'filtered out',
        summary.filtered,
        "records Prescription's filter policy keeps out of its queue",
      ],
    ]),
    '',
    renderTable([
      ['queue', 'delivered', 'consumed', 'sealed', 'retried', 'dead-lettered'],
      ...summary.queues.map((q) => [
        q.queueName,
        q.delivered,
        q.consumed,
        q.sealed,
        q.retried,
        q.deadLettered,
      ]),
    ]),
    explained([
      ['delivered', '', 'copies the fanout stored in the queue (after its filter policy)'],
      ['consumed', '', 'handled successfully, sealed ones included'],
      ['sealed', '', 'handled without the body: the key policy denies Scheduling kms:Decrypt'],
      ['retried', '', 'failed attempts, received again after a 1–5 s backoff'],
      ['dead-lettered', '', 'moved to the DLQ after 3 receives, still sealed under the key'],
    ]),
    '',
    'KMS data-key requests, from the local audit log of this run',
    kms.succeeded === undefined
      ? '  n/a: the aws backend has no audit log here; see CloudTrail'
      : explained([
          ['made', kms.succeeded, 'GenerateDataKey + Decrypt answered; a data key serves 300 s'],
          [
            'refused by key policy',
            kms.refused ?? 0,
            "Scheduling's Decrypt tries; varies: concurrent tries share a call",
          ],
          [
            'cost formula',
            kms.formula ?? 'n/a',
            'B/D × (2P + C) per queue + B/D × 2P, as the console computes it',
          ],
        ]),
    '',
    renderTable([
      ['publish → handled latency (ms)', 'p50', 'p99', 'count'],
      latencyRow('first try', summary.firstTryLatency),
      latencyRow('after retries', summary.retriedLatency),
    ]),
    explained([
      ['first try', '', 'records handled at their first receive'],
      ['after retries', '', 'handled after failed tries: their 1–5 s backoff is included'],
    ]),
    '',
    renderTable([['integration outbox', 'count'], ...summary.outbox]),
    `e-prescription signatures verified with the public key only: ${summary.signatures.verified} of ${summary.signatures.signed} (${summary.signatures.algorithm})`,
    '',
    summary.problems.length === 0
      ? 'All numbers add up: every delivery was consumed (some of them sealed) or dead-lettered.'
      : `Numbers do not add up:\n  ${summary.problems.join('\n  ')}`,
  ];
  return lines.join('\n');
}
