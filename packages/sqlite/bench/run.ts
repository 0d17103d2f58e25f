/**
 * `pnpm bench`: send→receive→delete throughput of the SQLite backend against plainjob and the
 * raw write-transaction limit on the same file settings, then throughput against backlog size and
 * the wake-up delay of a long poll in another process.
 * Every workload runs SEALBUS_BENCH_ROUNDS times (default 3), interleaved so load from other
 * processes hits all of them alike; the median is reported. Writes bench/results.md.
 * Env: SEALBUS_BENCH_MS (per measurement, default 1500), SEALBUS_BENCH_ROUNDS;
 * SEALBUS_BENCH_SKIP_1M=1 leaves out the 1,000,000-message backlog point (about 1.2 GB on disk,
 * 7-15 s to fill here).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './markdownTable.js';
import {
  backlog,
  cryptoFloor,
  longPollWake,
  plainjob,
  processes,
  rawTransactions,
  type Sample,
  sealbus,
} from './measure.js';

const LOAD_AT_START = loadavg();
const DURATION_MS = Number(process.env.SEALBUS_BENCH_MS ?? 1500);
const ROUNDS = Number(process.env.SEALBUS_BENCH_ROUNDS ?? 3);
const BACKLOGS = [10_000, 100_000, ...(process.env.SEALBUS_BENCH_SKIP_1M ? [] : [1_000_000])];
const dir = mkdtempSync(join(tmpdir(), 'sealbus-bench-'));
let files = 0;
const fresh = () => join(dir, `bench-${++files}.db`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (sample: Sample) => (sample.count * 1000) / sample.ms;

const WORKLOADS: Array<{ name: string; unit: string; run: () => Promise<Sample> | Sample }> = [
  {
    name: 'raw autocommit write transactions (1 KiB INSERT)',
    unit: 'tx/s',
    run: () => rawTransactions(fresh(), DURATION_MS),
  },
  {
    name: 'node:crypto alone: AES-GCM seal + open and 2 MD5 of 1 KiB',
    unit: 'msg/s',
    run: () => cryptoFloor(DURATION_MS),
  },
  {
    name: 'plainjob sequential (add → claim → read → done)',
    unit: 'msg/s',
    run: () => plainjob(fresh(), DURATION_MS),
  },
  {
    name: 'sealbus sequential batch 1, SSE off',
    unit: 'msg/s',
    run: () => sealbus(fresh(), false, 1, 1, DURATION_MS),
  },
  {
    name: 'sealbus sequential batch 1, SSE on',
    unit: 'msg/s',
    run: () => sealbus(fresh(), true, 1, 1, DURATION_MS),
  },
  {
    name: 'sealbus sequential batch 10, SSE off',
    unit: 'msg/s',
    run: () => sealbus(fresh(), false, 10, 1, DURATION_MS),
  },
  {
    name: 'sealbus sequential batch 10, SSE on',
    unit: 'msg/s',
    run: () => sealbus(fresh(), true, 10, 1, DURATION_MS),
  },
  {
    name: 'sealbus sequential batch 10, SSE on, deletes issued together',
    unit: 'msg/s',
    run: () => sealbus(fresh(), true, 10, 1, DURATION_MS, 'concurrentDeletes'),
  },
  {
    name: 'sealbus 32 concurrent callers batch 1, SSE off',
    unit: 'msg/s',
    run: () => sealbus(fresh(), false, 1, 32, DURATION_MS),
  },
  {
    name: 'sealbus 32 concurrent callers batch 1, SSE on',
    unit: 'msg/s',
    run: () => sealbus(fresh(), true, 1, 32, DURATION_MS),
  },
  {
    name: 'sealbus 32 concurrent callers batch 10, SSE on',
    unit: 'msg/s',
    run: () => sealbus(fresh(), true, 10, 32, DURATION_MS),
  },
  {
    name: 'sealbus 4 processes batch 1, SSE on',
    unit: 'msg/s',
    run: () => processes(fresh(), true, 1, 4, DURATION_MS),
  },
  {
    name: 'sealbus 4 processes batch 10, SSE on',
    unit: 'msg/s',
    run: () => processes(fresh(), true, 10, 4, DURATION_MS),
  },
  {
    name: 'sealbus 2 processes × 16 callers batch 10, SSE on',
    unit: 'msg/s',
    run: () => processes(fresh(), true, 10, 2, DURATION_MS, 16),
  },
];

console.log(
  `sealbus SQLite bench: ${cpus().length} CPUs, ${ROUNDS} rounds × ${DURATION_MS} ms, 1 KiB bodies, WAL, synchronous=NORMAL`,
);
const samples = new Map<string, number[]>(WORKLOADS.map((w) => [w.name, []]));
/** Units per CPU-second of this process: steadier than wall clock on a shared machine. */
const cpuRates = new Map<string, number[]>(WORKLOADS.map((w) => [w.name, []]));
const transactionsPerUnit = new Map<string, number[]>(WORKLOADS.map((w) => [w.name, []]));
for (let round = 1; round <= ROUNDS; round++) {
  console.log(`\nround ${round}/${ROUNDS}`);
  for (const workload of WORKLOADS) {
    const sample = await workload.run();
    const value = rate(sample);
    samples.get(workload.name)!.push(value);
    if (sample.cpuMs !== undefined) {
      cpuRates.get(workload.name)!.push((sample.count * 1000) / sample.cpuMs);
    }
    if (sample.transactions !== undefined) {
      transactionsPerUnit.get(workload.name)!.push(sample.transactions / sample.count);
    }
    console.log(`  ${workload.name.padEnd(52)} ${fmt(value).padStart(9)} ${workload.unit}`);
  }
}
const medianOf = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const median = (name: string) => medianOf(samples.get(name)!)!;
const [
  RAW,
  ,
  PLAIN,
  SEQ1,
  SEQ1_SSE,
  ,
  SEQ10_SSE,
  SEQ10_SSE_TOGETHER,
  CONC1,
  CONC1_SSE,
  CONC10_SSE,
  ,
  ,
  PROC2_CONC10_SSE,
] = WORKLOADS.map((w) => w.name) as string[];
/** The median over rounds of a / b measured in the same round, so load shifts between rounds cancel. */
const ratio = (a: string, b: string) => {
  const [as, bs] = [samples.get(a)!, samples.get(b)!];
  const values = as.map((value, i) => value / bs[i]!).sort((x, y) => x - y);
  return values[Math.floor(values.length / 2)]!.toFixed(2);
};

console.log('\nbacklog (sequential cycle on a pre-filled plain queue)');
const backlogRows: string[][] = [];
for (const size of BACKLOGS) {
  const path = fresh();
  const result = await backlog(path, size, DURATION_MS);
  const row = [
    fmt(size),
    `${(result.fillMs / 1000).toFixed(1)} s`,
    fmt(rate(result.batch1)),
    fmt(rate(result.batch10)),
  ];
  backlogRows.push(row);
  console.log(`  ${row.join(' | ')}`);
  // Large backlog files are removed at once to keep the disk footprint to one of them.
  for (const suffix of ['', '-wal', '-shm', '.root-key'])
    rmSync(`${path}${suffix}`, { force: true });
}

console.log('\nlong polling across processes');
const WAKE_SENDS = 60;
const wake = await longPollWake(fresh(), WAKE_SENDS, 2000);
const sortedWake = [...wake.latenciesMs].sort((a, b) => a - b);
const percentile = (p: number) =>
  sortedWake[Math.min(sortedWake.length - 1, Math.floor((p / 100) * sortedWake.length))]!;
const wakeRow = [
  String(sortedWake.length),
  percentile(50).toFixed(1),
  percentile(99).toFixed(1),
  sortedWake.at(-1)!.toFixed(1),
  `${((wake.idleCpuMs / wake.idleMs) * 100).toFixed(2)} %`,
];
console.log(`  ${wakeRow.join(' | ')}`);

const ratios = [
  `sequential batch 1 / plainjob: ${ratio(SEQ1!, PLAIN!)}× SSE off, ${ratio(SEQ1_SSE!, PLAIN!)}× SSE on (target ≥ 0.9×)`,
  `batch 10 with SSE: ${fmt(median(SEQ10_SSE!))} msg/s sequential with deleteBatch, ${fmt(median(SEQ10_SSE_TOGETHER!))} msg/s with the 10 deletes issued together, ${fmt(median(CONC10_SSE!))} msg/s with 32 callers in one process, ${fmt(median(PROC2_CONC10_SSE!))} msg/s with 2 processes × 16 callers (target ≥ 40,000)`,
  `32 concurrent callers batch 1 / plainjob: ${ratio(CONC1!, PLAIN!)}× SSE off, ${ratio(CONC1_SSE!, PLAIN!)}× SSE on (target ≥ 2×)`,
  `plainjob cycles / raw write transactions: ${ratio(PLAIN!, RAW!)} (a full cycle needs ~3 write transactions)`,
];
console.log(`\n${ratios.join('\n')}`);

const table = markdownTable(
  ['workload', 'median', 'rounds', 'per CPU-second', 'write tx per unit'],
  WORKLOADS.map((w) => {
    const cpu = medianOf(cpuRates.get(w.name)!);
    const transactions = medianOf(transactionsPerUnit.get(w.name)!);
    return [
      w.name,
      `${fmt(median(w.name))} ${w.unit}`,
      samples.get(w.name)!.map(fmt).join(' / '),
      cpu === undefined ? '—' : fmt(cpu),
      transactions === undefined ? '—' : transactions.toFixed(2),
    ];
  }),
);
writeFileSync(
  join(dirname(fileURLToPath(import.meta.url)), 'results.md'),
  `# SQLite backend benchmark

Generated by \`pnpm bench\` in packages/sqlite on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC:
${cpus().length} CPUs shared with other work, Node ${process.version}, ${ROUNDS} interleaved rounds of
${DURATION_MS} ms per workload, median reported (ratios: median of the per-round ratios). Each workload is the full SQS cycle send → receive →
delete with 1 KiB bodies on a fresh file (WAL, \`synchronous=NORMAL\`); msg/s counts deleted messages.
Load average at the start: ${LOAD_AT_START.map((n) => n.toFixed(1)).join(
    ' / ',
  )} (1 / 5 / 15 min). "Per CPU-second" divides by
this process's CPU time (user + system, all its threads), which other work on the machine disturbs
less than wall clock; the multi-process rows run in child processes (one shared file and queue),
so it is not measured for them. One Node process runs JavaScript on one core: the 2-process row
is the configuration that uses both cores of this machine.
"Write tx per unit" counts the store's committed write transactions per deleted message (a full
cycle is 3 transactions: 3.00 at batch 1, 0.30 at batch 10 when sendBatch, the claim and the 10
deletes each commit as one transaction).

${table}

${ratios.map((line) => `- ${line}`).join('\n')}

"Deletes issued together" deletes the 10 received messages with 10 concurrent single deletes;
\`deleteBatch\` hands them to the store in the same event-loop turn too, so group commit puts
either into one write transaction.

Throughput against backlog size (plain queue pre-filled through the store, then the sequential cycle):

${markdownTable(['backlog', 'fill time', 'batch 1 msg/s', 'batch 10 msg/s'], backlogRows)}
${process.env.SEALBUS_BENCH_SKIP_1M ? '\nThe 1,000,000-message point was skipped (`SEALBUS_BENCH_SKIP_1M`).\n' : ''}
Long polling across processes: a child process long-polls (20 s) while this process sends
${WAKE_SENDS} single messages 20–80 ms apart; the delay runs from the send's call to the child's
receive returning (target: within ~50 ms). Then the child long-polls an empty queue for
${wake.idleMs / 1000} s; its CPU use over that wait shows the poll does not spin a core.

${markdownTable(['sends', 'wake p50 ms', 'wake p99 ms', 'wake max ms', 'idle long poll CPU'], [wakeRow])}
`,
);
rmSync(dir, { recursive: true, force: true });
