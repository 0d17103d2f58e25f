import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backends.js';
import { openBackend } from '../src/backends.js';
import { parseConfig, usage } from '../src/config.js';
import { generateRecord } from '../src/records/generateRecords.js';
import { PRESCRIBING_RECORD_TYPES } from '../src/records/PatientRecord.js';
import { seededRandom } from '../src/records/random.js';
import { formatProgress, formatSummary, MAX_LINE_WIDTH } from '../src/report/printSummary.js';
import {
  runScenario,
  type ScenarioProgress,
  type ScenarioSummary,
} from '../src/scenario/runScenario.js';
import { setUpTopology } from '../src/scenario/topology.js';

const MESSAGES = 300;
const SEED = 11;
const POISON_SHARE = 0.05;
const dir = mkdtempSync(join(tmpdir(), 'emr-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The scenario's records again, from the same seed: what must add up and never sit in clear. */
function expectedRecords() {
  const random = seededRandom(SEED);
  return Array.from({ length: MESSAGES }, () =>
    generateRecord(random, { poisonShare: POISON_SHARE, now: new Date() }),
  );
}

async function run(backend: Backend): Promise<ScenarioSummary> {
  try {
    return await runScenario(backend, {
      messages: MESSAGES,
      ratePerSecond: 2_000,
      poisonShare: POISON_SHARE,
      seed: SEED,
    });
  } finally {
    await backend.close();
  }
}

function checkSummary(summary: ScenarioSummary, kmsLog: 'local' | 'remote' = 'local') {
  const records = expectedRecords();
  const poison = records.filter((r) => r.poison);
  const prescribing = records.filter((r) => PRESCRIBING_RECORD_TYPES.includes(r.recordType));
  expect(summary.problems).toEqual([]);
  expect(summary.published).toBe(MESSAGES);
  expect(summary.poison).toBe(poison.length);
  expect(summary.poison).toBeGreaterThan(0);
  expect(summary.filtered).toBe(MESSAGES - prescribing.length);
  const byName = Object.fromEntries(summary.queues.map((q) => [q.queueName, q]));
  expect(byName['Billing-Integration']).toMatchObject({
    delivered: MESSAGES,
    consumed: MESSAGES - poison.length,
    deadLettered: poison.length,
    sealed: 0,
  });
  expect(byName['Billing-Integration']?.retried).toBeGreaterThan(0);
  // Scheduling may not decrypt: it handles every record sealed, poison included.
  expect(byName['Scheduling-Integration']).toMatchObject({
    delivered: MESSAGES,
    consumed: MESSAGES,
    sealed: MESSAGES,
    deadLettered: 0,
  });
  const poisonPrescribing = prescribing.filter((r) => r.poison).length;
  expect(byName['Prescription-Integration']).toMatchObject({
    delivered: prescribing.length,
    consumed: prescribing.length - poisonPrescribing,
    deadLettered: poisonPrescribing,
  });
  if (kmsLog === 'local') {
    expect(summary.kms.refused).toBeGreaterThan(0);
    expect(summary.kms.succeeded).toBeGreaterThan(0);
    // The console's formula over this run (under 300 s, so B/D = 1): the topic 2P = 2, Billing
    // and Prescription 2P + C = 3 each, Scheduling 2P + 0 = 2 as the key policy refuses its
    // Decrypt calls: no consumer is seen decrypting. (The old fixed P = C = 1 said 11.)
    expect(summary.kms.formula).toBe(10);
  } else {
    expect(summary.kms).toEqual({});
  }
  const consumed = summary.queues.reduce((sum, q) => sum + q.consumed, 0);
  expect(summary.firstTryLatency.count + summary.retriedLatency.count).toBe(consumed);
  expect(summary.firstTryLatency.count).toBeGreaterThan(0);
  for (const line of formatSummary(summary, 'test backend').split('\n')) {
    expect(line.length, line).toBeLessThanOrEqual(MAX_LINE_WIDTH);
  }
  // Every e-prescription was signed with KMS Sign and verified by a holder of the public key only.
  const sent = Object.fromEntries(summary.outbox)['e-prescriptions sent'];
  expect(sent).toBeGreaterThan(0);
  expect(summary.signatures).toEqual({ signed: sent, verified: sent, algorithm: 'ECDSA_SHA_256' });
}

describe('EMR fanout scenario', () => {
  it('adds up on the memory backend, says what the purge removed, reports progress while publishing', async () => {
    const config = await parseConfig(['--backend', 'memory'], {});
    if (config === 'help') throw new Error('unexpected help');
    const backend = await openBackend(config);
    // A leftover of an "earlier run" in a DLQ: the purge must report it, not drop it silently.
    const topology = await setUpTopology(backend.broker, backend.keys);
    await topology.integrations[0]!.deadLetterQueue.send('left over');
    const purges: Array<Array<[string, number]>> = [];
    const progress: ScenarioProgress[] = [];
    // Each reading of this clock is 5 ms later: progress is due by elapsed time, whatever the
    // event loop does, and no real time is waited for.
    let now = Date.now();
    const clock = { now: () => (now += 5) };
    try {
      checkSummary(
        await runScenario(backend, {
          messages: MESSAGES,
          ratePerSecond: 100_000,
          poisonShare: POISON_SHARE,
          seed: SEED,
          clock,
          onPurged: (removed) => purges.push(removed),
          onProgress: (p) => progress.push(p),
        }),
      );
    } finally {
      await backend.close();
    }
    expect(purges).toHaveLength(1);
    expect(purges[0]).toContainEqual(['Billing-Integration-DLQ', 1]);
    expect(purges[0]!.reduce((sum, [, n]) => sum + n, 0)).toBe(1);
    const whilePublishing = progress.filter((p) => p.published < MESSAGES);
    expect(whilePublishing.length).toBeGreaterThan(0);
    expect(whilePublishing[0]!.publishRate).toBeGreaterThan(0);
  });

  it('adds up on the SQLite backend and leaves no patient data in clear on disk', async () => {
    const path = join(dir, 'emr.db');
    const config = await parseConfig(['--backend', 'sqlite', '--path', path], {});
    if (config === 'help') throw new Error('unexpected help');
    checkSummary(await run(await openBackend(config)));

    const files = readdirSync(dir).filter((name) => name.startsWith('emr.db'));
    const bytes = Buffer.concat(files.map((name) => readFileSync(join(dir, name))));
    expect(bytes.length).toBeGreaterThan(0);
    // Routing attributes are in clear by design (SSE encrypts bodies only) ...
    expect(bytes.includes('recordType')).toBe(true);
    // ... but no identifier or field of a patient record is.
    const mrns = expectedRecords()
      .filter((r) => !r.poison)
      .map((r) => (JSON.parse(r.body) as { patient: { mrn: string } }).patient.mrn);
    for (const needle of [
      ...mrns,
      'givenName',
      'familyName',
      'birthDate',
      'diagnosisCodes',
      'attendingNpi',
      'rxnorm',
    ]) {
      expect(bytes.includes(needle), `"${needle}" found in clear in ${files.join(', ')}`).toBe(
        false,
      );
    }
  });

  it('adds up on the AWS backend against the sealbus gateway, one access key per integration', async () => {
    const gateway = await startGateway();
    try {
      const config = await parseConfig(
        ['--backend', 'aws', '--region', 'us-east-1', '--endpoint', gateway.url],
        {},
      );
      if (config === 'help') throw new Error('unexpected help');
      checkSummary(await run(await openBackend(config)), 'remote');
    } finally {
      gateway.process.kill('SIGTERM');
    }
  });

  it('runs as a program and exits 0 with a summary that adds up', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@sealbus/source',
        '--import',
        'tsx',
        'src/main.ts',
        '--backend',
        'sqlite',
        '--path',
        join(dir, 'cli.db'),
        '--messages',
        '200',
        '--rate',
        '1000',
      ],
      { cwd: join(import.meta.dirname, '..') },
    );
    expect(stdout).toMatch(/published\s+200/);
    expect(stdout).toMatch(
      /achieved rate\s+[\d,]+\/s\s+published ÷ [\d.]+ s of publishing; asked --rate 1,000/,
    );
    expect(stdout).toMatch(
      /Purged the six demo queues \(3 integrations, 3 DLQs\) so this run adds up/,
    );
    expect(stdout).toContain('All numbers add up');
    expect(stdout).toMatch(
      /^e-prescription signatures verified with the public key only: (\d+) of \1 \(ECDSA_SHA_256\)$/m,
    );
    for (const line of stdout.split('\n')) {
      expect(line.length, line).toBeLessThanOrEqual(MAX_LINE_WIDTH);
    }
  });

  it('refuses a bad command line with a usage error (exit 2), not a stack trace', async () => {
    for (const [args, message] of [
      [
        ['--messages', '-5'],
        'pnpm start: --messages needs a value; a value starting with "-" is not accepted',
      ],
      [
        ['--messages=-5'],
        'pnpm start: --messages must be a number above 0 and at most 10000000; got "-5"',
      ],
      [['--colour'], 'pnpm start: unknown option --colour'],
    ] as const) {
      const result = await promisify(execFile)(
        process.execPath,
        ['--conditions=@sealbus/source', '--import', 'tsx', 'src/main.ts', ...args],
        { cwd: join(import.meta.dirname, '..') },
      ).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect('code' in result && result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('Run `pnpm start --help` for the options.');
      expect(result.stderr).not.toMatch(/TypeError|ERR_PARSE_ARGS|\n\s+at /);
    }
  });
});

describe('pnpm start options', () => {
  const messages = async (...argv: string[]) => {
    const config = await parseConfig(argv, {});
    if (config === 'help') throw new Error('unexpected help');
    return config.messages;
  };

  it('publishes --duration × --rate records, or stops at --messages when that comes first', async () => {
    expect(await messages()).toBe(600);
    expect(await messages('--duration', '2')).toBe(400);
    expect(await messages('--duration', '2', '--rate', '50')).toBe(100);
    expect(await messages('--duration', '2', '--messages', '50')).toBe(50);
    expect(await messages('--duration', '2', '--messages', '5000')).toBe(400);
  });

  it('shows examples as they are run: pnpm start …', async () => {
    const text = await usage();
    const examples = text.slice(text.indexOf('Examples:')).split('\n').slice(1);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((line) => line.startsWith('  pnpm start'))).toBe(true);
    expect(text).not.toContain('emr-worker ');
  });

  it('keeps progress lines within 100 columns for the largest numbers', () => {
    const huge = 30_000_000;
    const line = formatProgress({
      elapsedMs: 86_400_000,
      published: 10_000_000,
      publishRate: 100_000,
      queues: Array.from({ length: 3 }, () => ({
        queueName: 'Prescription-Integration',
        expected: huge,
        handled: huge,
        inFlight: huge,
        deadLettered: huge,
      })),
    });
    expect(line).toBe(
      '[86400.0 s] published 10.0M (100k/s) · handled 90.0M/90.0M · in flight 90.0M · DLQ 90.0M',
    );
    expect(line.length).toBeLessThanOrEqual(MAX_LINE_WIDTH);
  });
});

/** The gateway app as a child process (apps never import each other), on an in-memory backend. */
async function startGateway(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@sealbus/source',
      '--import',
      'tsx',
      'src/main.ts',
      '--port',
      '0',
      '--backend',
      'memory',
    ],
    {
      cwd: join(import.meta.dirname, '..', '..', 'gateway'),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  return { url, process: child };
}
