/**
 * `pnpm bench`: one PostgreSQL 15 cluster (fsync on), then on it, in one run: the server's limit
 * (INSERT+DELETE transactions from a pool of 10), sealbus send → receive → delete of 1 KiB bodies
 * (batch 1 and 10, SSE off and on, 1/2/4 processes), the @sealbus/worker at concurrency 10, and
 * pg-boss doing the same job (send → fetch → complete) beside sealbus in alternating order, then
 * p50/p99 send → handler at 1,000 msg/s for both. Each throughput row also gives the statements the server ran per
 * message (pg_stat_statements), which the machine's load does not change. Writes
 * bench/results.md. Env: SEALBUS_BENCH_MS (per measurement, default 3000).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { sealbusLatency, sealbusThroughput } from '../../worker/bench/sealbusWorkloads.js';
import { LatencyHistogram, latencyOf, paced, until, wallMs } from '../../worker/bench/stats.js';
import { createPostgresBroker } from '../src/index.js';
import { startCluster } from '../test/support/cluster.js';
import { BODY, sendReceiveDelete, WARM_UP_MS } from './loops.js';
import { serverCpuMicros } from './serverCpu.js';
import { StatementCounter } from './statementCounter.js';

const DURATION_MS = Number(process.env.SEALBUS_BENCH_MS ?? 3000);
const POOL = 10;
const HERE = dirname(fileURLToPath(import.meta.url));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const loadAtStart = loadavg()[0]!;
const cluster = await startCluster({ fsync: true });
const counter = await StatementCounter.open(cluster);
const admin = new pg.Client({ connectionString: cluster.url() });
await admin.connect();
const url = cluster.url();
const rootKey = randomBytes(32);
const rows: Array<[string, string]> = [];
const record = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name}: ${value}`);
};

/**
 * Messages per second over DURATION_MS, server statements per message, and CPU per message in
 * µs: the clients' (this process and any bench processes) and the server's.
 */
interface Measured {
  rate: number;
  perMessage: number;
  clientCpu: number;
  serverCpu: number;
}

/** CPU µs the bench processes of the workload now running reported (see `runProcesses`). */
let processesCpu = 0;

/** Where the window being measured starts: statements, this process's CPU, the server's CPU. */
let windowStart = { client: process.cpuUsage(), server: 0 };

/** Starts the window now: what ran before (setup, warm-up) is left out of every count. */
async function startWindow(): Promise<void> {
  await counter.reset();
  windowStart = { client: process.cpuUsage(), server: serverCpuMicros(cluster.dataDir) };
}

/**
 * Runs `work` (which resets the counter itself when it has setup to leave out). Every window
 * starts with no debt of the rows before it: vacuumed (an autovacuum of what earlier rows
 * deleted would otherwise take a core during whichever window it fell in) and at a checkpoint
 * (after one, the first change of each page writes the whole page to the WAL).
 */
async function measured(work: () => Promise<number>): Promise<Measured> {
  await admin.query('VACUUM');
  await admin.query('CHECKPOINT');
  await startWindow();
  processesCpu = 0;
  const done = await work();
  const { user, system } = process.cpuUsage(windowStart.client);
  const serverCpu = serverCpuMicros(cluster.dataDir) - windowStart.server;
  const statements = await counter.count();
  const each = Math.max(done, 1);
  return {
    rate: (done * 1000) / DURATION_MS,
    perMessage: statements / each,
    clientCpu: (user + system + processesCpu) / each,
    serverCpu: serverCpu / each,
  };
}

const show = (m: Measured, unit: string) =>
  `${fmt(m.rate)} ${unit}/s (${m.perMessage.toFixed(1)} statements, CPU µs ${fmt(m.clientCpu)} client + ${fmt(m.serverCpu)} server each)`;

try {
  // The server's limit: one 1 KiB INSERT and its DELETE per transaction, POOL at once.
  const serverLimit = await (async () => {
    const pool = new pg.Pool({ connectionString: url, max: POOL });
    await pool.query('CREATE TABLE raw_limit (id BIGSERIAL PRIMARY KEY, body BYTEA NOT NULL)');
    const limit = await measured(async () => {
      const deadline = Date.now() + DURATION_MS;
      let done = 0;
      await Promise.all(
        Array.from({ length: POOL }, async () => {
          const client = await pool.connect();
          while (Date.now() < deadline) {
            await client.query('BEGIN');
            const { rows: inserted } = await client.query<{ id: string }>(
              'INSERT INTO raw_limit (body) VALUES ($1) RETURNING id',
              [Buffer.from(BODY)],
            );
            await client.query('DELETE FROM raw_limit WHERE id = $1', [inserted[0]!.id]);
            await client.query('COMMIT');
            done++;
          }
          client.release();
        }),
      );
      return done;
    });
    await pool.end();
    record('server limit: INSERT+DELETE transactions, pool of 10', show(limit, 'tx'));
    return limit.rate;
  })();

  const broker = await createPostgresBroker({
    connectionString: url,
    rootKey: new Uint8Array(rootKey),
    poolSize: POOL,
  });
  await broker.createQueue('warm-up', { KmsMasterKeyId: 'alias/aws/sqs' });
  await sendReceiveDelete(broker, 'warm-up', 1, POOL, Date.now() + WARM_UP_MS);
  const throughput: Record<string, number> = {};
  for (const sse of [false, true]) {
    for (const batch of [1, 10]) {
      for (const processes of [1, 2, 4]) {
        const name = `bench-${sse ? 'sse' : 'plain'}-${batch}-${processes}`;
        await broker.createQueue(
          name,
          sse ? { KmsMasterKeyId: 'alias/aws/sqs' } : { SqsManagedSseEnabled: false },
        );
        const result = await measured(() =>
          processes === 1
            ? sendReceiveDelete(broker, name, batch, POOL, Date.now() + DURATION_MS)
            : runProcesses(processes, [
                url,
                rootKey.toString('base64'),
                name,
                String(batch),
                String(POOL / 2),
                String(DURATION_MS),
              ]),
        );
        throughput[`${sse}-${batch}-${processes}`] = result.rate;
        record(
          `sealbus send→receive→delete, batch ${batch}, SSE ${sse ? 'on' : 'off'}, ${processes} process${processes === 1 ? '' : 'es'}`,
          show(result, 'msg'),
        );
      }
    }
  }

  const worker = await sealbusThroughput(
    broker,
    { payload: BODY, kmsKeyId: 'alias/aws/sqs' },
    3000,
  );
  record(
    '@sealbus/worker, concurrency 10, SSE on, pre-filled 3,000',
    `${fmt(worker.perSecond)} msg/s`,
  );

  const boss = new PgBoss({ connectionString: url, max: POOL });
  boss.on('error', () => {});
  boss.on('warning', () => {});
  await boss.start();
  // Every round on a new, empty queue: pg-boss keeps completed jobs in its table (sealbus
  // deletes), so a reused queue would make its later rounds scan what earlier ones left.
  let round = 0;
  const bossJob = (batch: number, durationMs = DURATION_MS) => {
    return async () => {
      const name = `boss-${batch}-${++round}`;
      await boss.createQueue(name);
      const deadline = Date.now() + durationMs;
      let done = 0;
      await Promise.all(
        Array.from({ length: POOL }, async () => {
          while (Date.now() < deadline) {
            if (batch === 1) await boss.send(name, { body: BODY });
            else
              await boss.insert(
                name,
                Array.from({ length: batch }, () => ({ data: { body: BODY } })),
              );
            const jobs = await boss.fetch(name, { batchSize: batch });
            if (jobs.length === 0) continue;
            await boss.complete(
              name,
              jobs.map((job) => job.id),
            );
            done += jobs.length;
          }
        }),
      );
      return done;
    };
  };
  const sealbusJob = (sse: boolean, batch: number) => async () => {
    const name = `vs-${sse ? 'sse' : 'plain'}-${batch}-${++round}`;
    await broker.createQueue(
      name,
      sse ? { KmsMasterKeyId: 'alias/aws/sqs' } : { SqsManagedSseEnabled: false },
    );
    return sendReceiveDelete(broker, name, batch, POOL, Date.now() + DURATION_MS);
  };
  // Head to head, one process each: the load of a shared machine drifts within a run, so the
  // contenders take ROUNDS turns, every other one in the opposite order, and each row is the mean.
  const ROUNDS = 4;
  // pg-boss's code has not run in this process yet; sealbus's has.
  for (const batch of [1, 10]) await bossJob(batch, WARM_UP_MS)();
  const headToHead: Record<string, number> = {};
  for (const batch of [1, 10]) {
    const contenders: Array<[string, string, () => Promise<number>]> = [
      ['off', 'msg', sealbusJob(false, batch)],
      ['on', 'msg', sealbusJob(true, batch)],
      ['boss', 'job', bossJob(batch)],
    ];
    const runs = new Map<string, Measured[]>();
    for (let turn = 0; turn < ROUNDS; turn++) {
      for (const [key, , job] of turn % 2 === 0 ? contenders : [...contenders].reverse())
        runs.set(key, [...(runs.get(key) ?? []), await measured(job)]);
    }
    for (const [key, unit] of contenders) {
      const rounds = runs.get(key)!;
      const meanOf = (field: keyof Measured) =>
        rounds.reduce((sum, m) => sum + m[field], 0) / ROUNDS;
      const mean: Measured = {
        rate: meanOf('rate'),
        perMessage: meanOf('perMessage'),
        clientCpu: meanOf('clientCpu'),
        serverCpu: meanOf('serverCpu'),
      };
      headToHead[`${key}-${batch}`] = mean.rate;
      record(
        key === 'boss'
          ? `pg-boss send→fetch→complete, batch ${batch}, 1 process, mean of ${ROUNDS}`
          : `sealbus send→receive→delete, batch ${batch}, SSE ${key}, 1 process, mean of ${ROUNDS} (beside pg-boss)`,
        `${show(mean, unit)}; rounds ${rounds.map((m) => fmt(m.rate)).join(', ')}`,
      );
    }
  }

  const sealbusP = await sealbusLatency(
    broker,
    { payload: BODY, kmsKeyId: 'alias/aws/sqs' },
    3000,
    1000,
  );
  record(
    'sealbus worker (concurrency 10, batch 10, long poll), SSE on, 1,000 msg/s: send → handler p50 / p99',
    `${sealbusP.p50Ms.toFixed(1)} / ${sealbusP.p99Ms.toFixed(1)} ms`,
  );

  // The sealbus worker's shape: 10 fetch loops of up to 10 jobs, fetching again at once while
  // batches come back full. Without NOTIFY: pg-boss sends it inside each job's INSERT
  // transaction, whose commits then queue behind one cluster-wide lock, and at 1,000 jobs/s its
  // pool timed out on this machine.
  const bossP = await (async () => {
    const name = 'boss-latency';
    await boss.createQueue(name);
    const histogram = new LatencyHistogram();
    await boss.work<{ sentAt: number }>(
      name,
      {
        localConcurrency: 10,
        batchSize: 10,
        pollingIntervalSeconds: 0.5,
        burstWhenBatchFull: true,
      },
      async (jobs) => {
        for (const job of jobs) histogram.record(wallMs() - job.data.sentAt);
      },
    );
    await paced(3000, 1000, () => boss.send(name, { sentAt: wallMs(), body: BODY }));
    await until(() => histogram.count >= 3000, 180_000, 'the pg-boss latency run');
    return latencyOf(histogram);
  })();
  record(
    'pg-boss work() (localConcurrency 10, batch 10, polling 0.5 s, burst while full), 1,000 jobs/s: send → handler p50 / p99',
    `${bossP.p50Ms.toFixed(1)} / ${bossP.p99Ms.toFixed(1)} ms`,
  );
  await boss.stop({ graceful: false });
  await broker.close();

  const scaling = (sse: boolean, batch: number) =>
    `${ratio(throughput[`${sse}-${batch}-2`]!, throughput[`${sse}-${batch}-1`]!)} / ${ratio(throughput[`${sse}-${batch}-4`]!, throughput[`${sse}-${batch}-1`]!)}`;
  record(
    'ratio: sealbus SSE on / pg-boss, batch 1 and 10 (means beside each other)',
    `${ratio(headToHead['on-1']!, headToHead['boss-1']!)} and ${ratio(headToHead['on-10']!, headToHead['boss-10']!)}`,
  );
  record(
    'ratio: sealbus SSE off / pg-boss, batch 1 and 10 (means beside each other)',
    `${ratio(headToHead['off-1']!, headToHead['boss-1']!)} and ${ratio(headToHead['off-10']!, headToHead['boss-10']!)}`,
  );
  record(
    'ratio: 2 and 4 processes / 1 process (SSE off batch 1; off 10; on 1; on 10)',
    `${scaling(false, 1)}; ${scaling(false, 10)}; ${scaling(true, 1)}; ${scaling(true, 10)}`,
  );
  record('ratio: p99 send → handler, sealbus / pg-boss', (sealbusP.p99Ms / bossP.p99Ms).toFixed(2));
  record(
    'ratio: sealbus SSE on batch 1 (3 transactions each) / server limit (1 each)',
    ratio(headToHead['on-1']!, serverLimit),
  );

  writeFileSync(
    join(HERE, 'results.md'),
    [
      '# @sealbus/postgres benchmark',
      '',
      `One run of \`pnpm bench\` on one PostgreSQL 15 cluster (fsync on, loopback), ${cpus().length} cores, load average ${loadAtStart.toFixed(2)} at the start and ${loadavg()[0]!.toFixed(2)} at the end; ${DURATION_MS} ms per throughput measurement, 1 KiB bodies, pools of ${POOL} connections (5 per process with 2 or 4 processes). The machine is shared: compare rows of one run, not runs. "Statements each" counts what the server ran (pg_stat_statements) per message or job, transaction control included.`,
      '',
      ...alignedTable([['workload', 'result'], ...rows]),
      '',
    ].join('\n'),
  );
} finally {
  await counter.close().catch(() => {});
  await admin.end().catch(() => {});
  cluster.destroy();
}

/**
 * Starts the processes, waits until all are connected, starts the window (their
 * setup is not the workload), then gives them one start time; sums the messages they completed.
 */
async function runProcesses(processes: number, args: string[]): Promise<number> {
  const children = Array.from({ length: processes }, () => {
    const child = spawn(
      process.execPath,
      ['--conditions=@sealbus/source', '--import', 'tsx', join(HERE, 'processWorker.ts'), ...args],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines: string[] = [];
    let partial = '';
    const waiters: Array<() => void> = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
      for (const wake of waiters.splice(0)) wake();
    });
    const exited = new Promise<void>((resolve, reject) =>
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`bench process exited ${code}`)),
      ),
    );
    const line = async (index: number): Promise<string> => {
      while (lines.length <= index) await new Promise<void>((wake) => waiters.push(wake));
      return lines[index]!;
    };
    return { child, exited, line };
  });
  await Promise.all(children.map(({ line }) => line(0)));
  await startWindow();
  const startAt = Date.now() + 200;
  for (const { child } of children) child.stdin.write(`${startAt}\n`);
  await Promise.all(children.map(({ exited }) => exited));
  // Each prints "<messages completed> <CPU µs it spent on them>".
  const results = await Promise.all(children.map(({ line }) => line(1)));
  let done = 0;
  for (const result of results) {
    const [count, cpu] = result.split(' ').map(Number);
    done += count!;
    processesCpu += cpu!;
  }
  return done;
}

/** A Markdown table with padded columns, as the formatter (`pnpm lint`) writes it. */
function alignedTable(table: Array<[string, string]>): string[] {
  const width = (column: 0 | 1) => Math.max(3, ...table.map((row) => [...row[column]].length));
  const pad = (text: string, column: 0 | 1) => text + ' '.repeat(width(column) - [...text].length);
  const line = ([left, right]: [string, string]) => `| ${pad(left, 0)} | ${pad(right, 1)} |`;
  return [
    line(table[0]!),
    line(['-'.repeat(width(0)), '-'.repeat(width(1))]),
    ...table.slice(1).map(line),
  ];
}
