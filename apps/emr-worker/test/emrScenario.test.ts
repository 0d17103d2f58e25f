import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../src/backends.js';
import { openBackend } from '../src/backends.js';
import { parseConfig } from '../src/config.js';
import { generateRecord } from '../src/records/generateRecords.js';
import { PRESCRIBING_RECORD_TYPES } from '../src/records/PatientRecord.js';
import { seededRandom } from '../src/records/random.js';
import { runScenario, type ScenarioSummary } from '../src/scenario/runScenario.js';

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
  } else {
    expect(summary.kms).toEqual({ formula: 11 });
  }
  expect(summary.latency.count).toBe(summary.queues.reduce((sum, q) => sum + q.consumed, 0));
  // Every e-prescription was signed with KMS Sign and verified by a holder of the public key only.
  const sent = Object.fromEntries(summary.outbox)['e-prescriptions sent'];
  expect(sent).toBeGreaterThan(0);
  expect(summary.signatures).toEqual({ signed: sent, verified: sent, algorithm: 'ECDSA_SHA_256' });
}

describe('EMR fanout scenario', () => {
  it('adds up on the memory backend', async () => {
    const config = parseConfig(['--backend', 'memory'], {});
    if (config === 'help') throw new Error('unexpected help');
    checkSummary(await run(await openBackend(config)));
  });

  it('adds up on the SQLite backend and leaves no patient data in clear on disk', async () => {
    const path = join(dir, 'emr.db');
    const config = parseConfig(['--backend', 'sqlite', '--path', path], {});
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
      const config = parseConfig(['--backend', 'aws', '--endpoint', gateway.url], {});
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
    expect(stdout).toContain('All numbers add up');
    expect(stdout).toMatch(
      /^e-prescription signatures verified with the public key only: (\d+) of \1 \(ECDSA_SHA_256\)$/m,
    );
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
