import type { ScenarioProgress, ScenarioSummary } from '../scenario/runScenario.js';
import { formatNumber, renderTable } from './table.js';

export function formatProgress(progress: ScenarioProgress): string {
  const seconds = (progress.elapsedMs / 1_000).toFixed(1);
  const queues = progress.queues
    .map(
      (q) =>
        `${q.queueName.replace('-Integration', '')} ${q.handled}/${q.expected} (in flight ${q.inFlight}, DLQ ${q.deadLettered})`,
    )
    .join(' · ');
  return `[${seconds.padStart(5)} s] published ${progress.published} · ${queues}`;
}

export function formatSummary(summary: ScenarioSummary, backend: string): string {
  const seconds = summary.durationMs / 1_000;
  const queueRows = summary.queues.map((q) => [
    q.queueName,
    q.delivered,
    q.consumed,
    q.sealed,
    q.retried,
    q.deadLettered,
  ]);
  const kms = summary.kms;
  const lines = [
    '',
    `EMR fanout summary — backend ${backend}, ${formatNumber(seconds)} s`,
    '',
    renderTable([
      ['topic Patient-Records', 'count'],
      ['published', summary.published],
      ['of which poison (malformed) records', summary.poison],
      ['filtered out of Prescription-Integration', summary.filtered],
    ]),
    '',
    renderTable([
      ['queue', 'delivered', 'consumed', 'sealed', 'retried', 'dead-lettered'],
      ...queueRows,
    ]),
    '',
    renderTable([
      ['KMS data-key requests', 'count'],
      ['made (GenerateDataKey + Decrypt)', kms.succeeded ?? 'n/a (see CloudTrail)'],
      ['refused by key policy', kms.refused ?? 'n/a'],
      ['cost formula, one reuse period', kms.formula],
    ]),
    '',
    renderTable([
      ['publish → handled latency', 'ms'],
      ['p50', summary.latency.p50Ms],
      ['p99', summary.latency.p99Ms],
      ['handled', summary.latency.count],
    ]),
    '',
    renderTable([['integration outbox', 'count'], ...summary.outbox]),
    `e-prescription signatures verified with the public key only: ${summary.signatures.verified} of ${summary.signatures.signed} (${summary.signatures.algorithm})`,
    '',
    summary.problems.length === 0
      ? 'All numbers add up: every delivery was consumed (some of them sealed) or dead-lettered, still sealed.'
      : `Numbers do not add up:\n  ${summary.problems.join('\n  ')}`,
  ];
  return lines.join('\n');
}
