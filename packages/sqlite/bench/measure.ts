import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, hash, randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { better, defineQueue } from 'plainjob';
import { createSqliteBroker, openSqliteBackend } from '../src/index.js';
import { BODY, cycle, type DeleteMode } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A measurement: how many units were done in how many milliseconds of wall clock and of this
 * process's CPU time, and how many write transactions the store committed meanwhile.
 */
export interface Sample {
  count: number;
  ms: number;
  cpuMs?: number;
  transactions?: number;
}

/** Milliseconds of CPU (user + system) this process used since `start`. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The full cycle through the SQLite broker with `callers` concurrent loops in this process. */
export async function sealbus(
  path: string,
  sse: boolean,
  batch: number,
  callers: number,
  durationMs: number,
  deleteMode: DeleteMode = 'deleteBatch',
): Promise<Sample> {
  const { broker, store } = openSqliteBackend({ path });
  const queue = await broker.createQueue('bench', { SqsManagedSseEnabled: sse });
  await cycle(queue, batch, performance.now() + 200, deleteMode);
  const transactionsBefore = store.writeStats.transactions;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const counts = await Promise.all(
    Array.from({ length: callers }, () => cycle(queue, batch, start + durationMs, deleteMode)),
  );
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpuStart);
  const transactions = store.writeStats.transactions - transactionsBefore;
  await broker.close();
  return { count: counts.reduce((a, b) => a + b, 0), ms, cpuMs, transactions };
}

/** The full cycle in `count` worker processes sharing one file and queue, `callers` loops in each. */
export async function processes(
  path: string,
  sse: boolean,
  batch: number,
  count: number,
  durationMs: number,
  callers = 1,
): Promise<Sample> {
  const broker = createSqliteBroker({ path });
  await broker.createQueue('bench', { SqsManagedSseEnabled: sse });
  await broker.close();
  const workers = Array.from({ length: count }, () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@sealbus/source',
        '--import',
        'tsx',
        join(here, 'processWorker.ts'),
        path,
        'bench',
        String(batch),
        String(durationMs),
        String(callers),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let text = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (text.includes('ready\n')) resolve();
      }),
    );
    const done = new Promise<number>((resolve, reject) =>
      child.on('exit', (code) =>
        code === 0
          ? resolve(Number(text.trim().split('\n').pop()))
          : reject(new Error(`bench worker exited with ${code}`)),
      ),
    );
    return { child, ready, done };
  });
  await Promise.all(workers.map((worker) => worker.ready));
  const start = performance.now();
  for (const worker of workers) worker.child.stdin.write('go\n');
  const counts = await Promise.all(workers.map((worker) => worker.done));
  return { count: counts.reduce((a, b) => a + b, 0), ms: performance.now() - start };
}

/** plainjob's equivalent cycle: add, claim (an IMMEDIATE transaction), read, mark done. */
export function plainjob(path: string, durationMs: number): Sample {
  const db = new Database(path);
  const queue = defineQueue({ connection: better(db) });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() < start + durationMs) {
    queue.add('bench', BODY);
    const claimed = queue.getAndMarkJobAsProcessing('bench');
    const job = queue.getJobById(claimed!.id);
    if (job?.data === undefined) throw new Error('plainjob lost a job');
    queue.markJobAsDone(job.id);
    count++;
  }
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpuStart);
  queue.close();
  db.close();
  return { count, ms, cpuMs };
}

/** Autocommit INSERTs of a 1 KiB row with the store's pragmas: the write-transaction ceiling. */
export function rawTransactions(path: string, durationMs: number): Sample {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const body = Buffer.from(BODY);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() < start + durationMs) {
    for (let i = 0; i < 100; i++) insert.run(body);
    count += 100;
  }
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpuStart);
  db.close();
  return { count, ms, cpuMs, transactions: count };
}

/**
 * The node:crypto work an SSE message needs at minimum, without sealbus: AES-256-GCM seal and
 * open of the 1 KiB body and its MD5 twice (the send's response and the receive). Its rate is
 * the ceiling of one core for SSE traffic on this machine, measured in the same run.
 */
export function cryptoFloor(durationMs: number): Sample {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const aad = randomBytes(64);
  const body = Buffer.from(BODY);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() < start + durationMs) {
    for (let i = 0; i < 100; i++) {
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(aad);
      decipher.setAuthTag(cipher.getAuthTag());
      const opened = Buffer.concat([decipher.update(sealed), decipher.final()]);
      hash('md5', body, 'hex');
      hash('md5', opened, 'hex');
    }
    count += 100;
  }
  const ms = performance.now() - start;
  return { count, ms, cpuMs: cpuMsSince(cpuStart) };
}

/** What `longPollWake` measured: wake-up delays in ms, and the CPU an idle long poll used. */
export interface WakeSample {
  latenciesMs: number[];
  idleCpuMs: number;
  idleMs: number;
}

/**
 * Cross-process long polling: a child process long-polls a queue while this process sends
 * `count` single messages 20–80 ms apart (so the child's poller has backed off to various
 * intervals); each delay runs from the send's call to the child's receive returning, on the
 * machine's shared epoch clock. Then the child long-polls an empty queue for `idleMs`.
 */
export async function longPollWake(
  path: string,
  count: number,
  idleMs: number,
): Promise<WakeSample> {
  const broker = createSqliteBroker({ path });
  const queue = await broker.createQueue('wake', { SqsManagedSseEnabled: false });
  const child = spawn(
    process.execPath,
    [
      '--conditions=@sealbus/source',
      '--import',
      'tsx',
      join(here, 'longPollWorker.ts'),
      path,
      'wake',
      String(count),
      String(idleMs),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let partial = '';
  let onLine = () => {};
  child.stdout.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    onLine();
  });
  const lineCount = (n: number) =>
    new Promise<void>((resolve) => {
      onLine = () => lines.length >= n && resolve();
      onLine();
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await lineCount(1);
  // Let the child's first long poll start and its poller back off before the first send.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let sent = 1; sent <= count; sent++) {
    await queue.send(String(performance.timeOrigin + performance.now()));
    await lineCount(1 + sent);
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
  }
  const code = await exited;
  await broker.close();
  if (code !== 0) throw new Error(`long-poll worker exited with ${code}`);
  const latenciesMs = lines.filter((l) => l.startsWith('L ')).map((l) => Number(l.slice(2)));
  const idle = lines.find((l) => l.startsWith('I '));
  return { latenciesMs, idleCpuMs: Number(idle!.slice(2)), idleMs };
}

/** Pre-fills a plain queue with `size` messages, then runs the sequential cycle at batch 1 and 10. */
export async function backlog(
  path: string,
  size: number,
  durationMs: number,
): Promise<{ fillMs: number; batch1: Sample; batch10: Sample }> {
  const backend = openSqliteBackend({ path });
  const queue = await backend.broker.createQueue('bench', { SqsManagedSseEnabled: false });
  const bytes = new TextEncoder().encode(BODY);
  const fillStart = performance.now();
  const now = Date.now();
  for (let filled = 0; filled < size; filled += 1000) {
    await backend.store.send(
      Array.from({ length: Math.min(1000, size - filled) }, () => ({
        queueName: 'bench',
        message: { messageId: randomUUID(), body: bytes, messageAttributes: {}, visibleAt: now },
      })),
      now,
    );
  }
  const fillMs = performance.now() - fillStart;
  const start1 = performance.now();
  const batch1 = { count: await cycle(queue, 1, start1 + durationMs), ms: 0 };
  batch1.ms = performance.now() - start1;
  const start10 = performance.now();
  const batch10 = { count: await cycle(queue, 10, start10 + durationMs), ms: 0 };
  batch10.ms = performance.now() - start10;
  await backend.broker.close();
  return { fillMs, batch1, batch10 };
}
