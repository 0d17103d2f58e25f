import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewMessage, QueueRecord, SendEntry } from '@sealbus/broker-engine';
import type { ResolvedQueueAttributes } from '@sealbus/core';

export const ACCOUNT = '000000000000';

export function queueRecord(
  name: string,
  attributes: Partial<ResolvedQueueAttributes> = {},
  now = 1_700_000_000_000,
): QueueRecord {
  return {
    name,
    arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`,
    attributes: {
      DelaySeconds: 0,
      MaximumMessageSize: 1_048_576,
      MessageRetentionPeriod: 345_600,
      ReceiveMessageWaitTimeSeconds: 0,
      VisibilityTimeout: 30,
      KmsDataKeyReusePeriodSeconds: 300,
      SqsManagedSseEnabled: false,
      FifoQueue: name.endsWith('.fifo'),
      ContentBasedDeduplication: false,
      ...attributes,
    },
    tags: {},
    createdTimestamp: now,
    lastModifiedTimestamp: now,
  };
}

export function entry(
  queueName: string,
  body: string,
  now: number,
  extra: Partial<NewMessage> = {},
): SendEntry {
  return {
    queueName,
    message: {
      messageId: randomUUID(),
      body: new TextEncoder().encode(body),
      messageAttributes: {},
      visibleAt: now,
      ...extra,
    },
  };
}

export function text(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}

let handles = 0;
export const newReceiptHandle = () => `rh-${process.pid}-${++handles}-${randomUUID()}`;

/** A fresh directory for database files, removed by the returned cleanup. */
export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-sqlite-'));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Whether any byte SQLite keeps for the database at `path` (the file, its WAL, its shared memory) holds `marker`. */
export function databaseHolds(path: string, marker: string): boolean {
  return [path, `${path}-wal`, `${path}-shm`]
    .filter(existsSync)
    .some((file) => readFileSync(file).includes(marker));
}
