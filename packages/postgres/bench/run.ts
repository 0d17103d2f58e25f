/**
 * `pnpm bench`: one PostgreSQL 15 cluster (fsync on), then on it, in one run: the server's limit
 * (INSERT+DELETE transactions from a pool of 10), sealbus send → receive → delete of 1 KiB bodies
 * (batch 1 and 10, SSE off and on, 1/2/4 processes), the @sealbus/worker at concurrency 10, and
 * pg-boss doing the same job (send → fetch → complete), then p50/p99 send → handler at
 * 1,000 msg/s for both. Writes bench/results.md.
 * Env: SEALBUS_BENCH_MS (per measurement, default 3000).
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
import { BODY, sendReceiveDelete } from './loops.js';

const DURATION_MS = Number(process.env.SEALBUS_BENCH_MS ?? 3000);
const POOL = 10;
const HERE = dirname(fileURLToPath(import.meta.url));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const cluster = await startCluster({ fsync: true });
const url = cluster.url();
const rootKey = randomBytes(32);
const rows: Array<[string, string]> = [];
const record = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name}: ${value}`);
};

try {
  // The server's limit: one 1 KiB INSERT and its DELETE per transaction, POOL at once.
  {
    const pool = new pg.Pool({ connectionString: url, max: POOL });
    await pool.query('CREATE TABLE raw_limit (id BIGSERIAL PRIMARY KEY, body BYTEA NOT NULL)');
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
    await pool.end();
    record(
      'server limit: INSERT+DELETE transactions, pool of 10',
      `${fmt((done * 1000) / DURATION_MS)} tx/s`,
    );
  }

  const broker = await createPostgresBroker({
    connectionString: url,
    rootKey: new Uint8Array(rootKey),
    poolSize: POOL,
  });
  const throughput: Record<string, number> = {};
  for (const sse of [false, true]) {
    for (const batch of [1, 10]) {
      for (const processes of [1, 2, 4]) {
        const name = `bench-${sse ? 'sse' : 'plain'}-${batch}-${processes}`;
        await broker.createQueue(
          name,
          sse ? { KmsMasterKeyId: 'alias/aws/sqs' } : { SqsManagedSseEnabled: false },
        );
        let done: number;
        if (processes === 1) {
          done = await sendReceiveDelete(broker, name, batch, POOL, Date.now() + DURATION_MS);
        } else {
          const startAt = Date.now() + 6000; // children are up and connected by then, mostly
          const counts = await Promise.all(
            Array.from({ length: processes }, () =>
              runChild([
                url,
                rootKey.toString('base64'),
                name,
                String(batch),
                String(POOL / 2),
                String(startAt),
                String(DURATION_MS),
              ]),
            ),
          );
          done = counts.reduce((sum, count) => sum + count, 0);
        }
        const rate = (done * 1000) / DURATION_MS;
        throughput[`${sse}-${batch}-${processes}`] = rate;
        record(
          `sealbus send→receive→delete, batch ${batch}, SSE ${sse ? 'on' : 'off'}, ${processes} process${processes === 1 ? '' : 'es'}`,
          `${fmt(rate)} msg/s`,
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
  await boss.start();
  const bossRates: Record<number, number> = {};
  for (const batch of [1, 10]) {
    const name = `boss-${batch}`;
    await boss.createQueue(name);
    const deadline = Date.now() + DURATION_MS;
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
    bossRates[batch] = (done * 1000) / DURATION_MS;
    record(
      `pg-boss send→fetch→complete, batch ${batch}, 1 process`,
      `${fmt(bossRates[batch]!)} jobs/s`,
    );
  }

  const sealbusP = await sealbusLatency(
    broker,
    { payload: BODY, kmsKeyId: 'alias/aws/sqs' },
    3000,
    1000,
  );
  record(
    'sealbus worker, SSE on, 1,000 msg/s: send → handler p50 / p99',
    `${sealbusP.p50Ms.toFixed(1)} / ${sealbusP.p99Ms.toFixed(1)} ms`,
  );

  {
    const name = 'boss-latency';
    await boss.createQueue(name);
    const histogram = new LatencyHistogram();
    // pg-boss's shortest polling interval is 0.5 s; its worker fetches batches of 10.
    await boss.work<{ sentAt: number }>(
      name,
      { batchSize: 10, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        for (const job of jobs) histogram.record(wallMs() - job.data.sentAt);
      },
    );
    await paced(3000, 1000, () => boss.send(name, { sentAt: wallMs(), body: BODY }));
    await until(() => histogram.count >= 3000, 180_000, 'the pg-boss latency run');
    const bossP = latencyOf(histogram);
    record(
      'pg-boss work(), 1,000 jobs/s: send → handler p50 / p99',
      `${bossP.p50Ms.toFixed(1)} / ${bossP.p99Ms.toFixed(1)} ms`,
    );
    record(
      'ratios',
      `SSE-on batch 1 / pg-boss batch 1 = ${(throughput['true-1-1']! / bossRates[1]!).toFixed(2)}×; batch 10 = ${(throughput['true-10-1']! / bossRates[10]!).toFixed(2)}×; 4 processes / 1 process (SSE on, batch 10) = ${(throughput['true-10-4']! / throughput['true-10-1']!).toFixed(2)}×; p99 sealbus / pg-boss = ${(sealbusP.p99Ms / bossP.p99Ms).toFixed(2)}`,
    );
  }
  await boss.stop({ graceful: false });
  await broker.close();

  writeFileSync(
    join(HERE, 'results.md'),
    [
      '# @sealbus/postgres benchmark',
      '',
      `One run of \`pnpm bench\` on one PostgreSQL 15 cluster (fsync on, loopback), ${cpus().length} cores, load average at start ${loadavg()[0]!.toFixed(2)}; ${DURATION_MS} ms per throughput measurement, 1 KiB bodies, pools of ${POOL} connections. The machine is shared: compare rows of one run, not runs.`,
      '',
      '| workload | result |',
      '| --- | --- |',
      ...rows.map(([name, value]) => `| ${name} | ${value} |`),
      '',
    ].join('\n'),
  );
} finally {
  cluster.destroy();
}

function runChild(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@sealbus/source', '--import', 'tsx', join(HERE, 'processWorker.ts'), ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`bench process exited ${code}`)),
    );
  });
}
