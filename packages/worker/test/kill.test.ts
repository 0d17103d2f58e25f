import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteBroker } from '@sealbus/sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from './helpers/backends.js';

const SCRIPT = join(import.meta.dirname, 'kill', 'worker-process.ts');

function handledIds(logPath: string): string[] {
  return existsSync(logPath)
    ? readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

describe('SIGTERM mid-flight (child process on a SQLite file)', () => {
  const dir = tempDir('sealbus-kill-');
  afterEach(() => dir.remove());

  it('handles every message exactly once or leaves it in the queue', {
    timeout: 60_000,
  }, async () => {
    const path = join(dir.path, 'bus.db');
    const logPath = join(dir.path, 'handled.log');
    const broker = createSqliteBroker({ path });
    const queue = await broker.createQueue('kill-test', { KmsMasterKeyId: 'alias/aws/sqs' });
    const sent: string[] = [];
    for (let i = 0; i < 300; i += 10) {
      const batch = await queue.sendBatch(
        Array.from({ length: 10 }, (_, j) => ({
          id: String(j),
          body: JSON.stringify({ n: i + j }),
        })),
      );
      sent.push(...batch.successful.map((s) => s.messageId));
    }

    const child = spawn(
      process.execPath,
      ['--conditions=@sealbus/source', '--import', 'tsx', SCRIPT, path, queue.name, logPath],
      {
        cwd: join(import.meta.dirname, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );

    await vi.waitFor(() => expect(handledIds(logPath).length).toBeGreaterThanOrEqual(20), {
      timeout: 30_000,
      interval: 20,
    });
    child.kill('SIGTERM');
    const code = await exited;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('closed');

    const handled = handledIds(logPath);
    expect(new Set(handled).size).toBe(handled.length);
    expect(handled.length).toBeLessThan(sent.length);
    const attributes = await queue.getAttributes();
    expect(attributes.ApproximateNumberOfMessagesNotVisible).toBe(0);
    const remaining: string[] = [];
    for (;;) {
      const batch = await queue.receive({ maxMessages: 10, waitTimeSeconds: 0 });
      if (batch.length === 0) break;
      remaining.push(...batch.map((m) => m.messageId));
    }
    expect(remaining.filter((id) => handled.includes(id))).toEqual([]);
    expect([...handled, ...remaining].sort()).toEqual([...sent].sort());
    await broker.close();
  });
});
