import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
} from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createBackend } from '@sealbus/backends';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let dir: string | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The database file and its WAL/shared-memory companions, concatenated. */
function storedBytes(path: string): Buffer {
  return Buffer.concat(
    [path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((file) => readFileSync(file)),
  );
}

describe('ciphertext at rest', () => {
  it('keeps no plaintext body of an encrypted queue in the SQLite file after the SDK flow', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealbus-gateway-'));
    const path = join(dir, 'gateway.db');
    const { local } = await createBackend({ backend: 'sqlite', path }, { env: {} });
    const backend = local!;
    h = await startHarness({ kms: backend.kms, broker: backend.engine });
    const sqs = h.sqs();
    const sns = h.sns();
    const { KeyMetadata } = await h
      .kmsClient()
      .send(new CreateKeyCommand({ Description: 'at rest' }));

    const secrets: string[] = [];
    const secret = (label: string) => {
      const value = `SECRET-${label}-${randomUUID()}`;
      secrets.push(value);
      return value;
    };
    const queue = async (name: string, attributes: Record<string, string>) =>
      (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })))
        .QueueUrl!;

    const managed = await queue('managed', { KmsMasterKeyId: 'alias/aws/sqs' });
    const cmk = await queue('cmk', { KmsMasterKeyId: KeyMetadata!.Arn! });
    const plain = await queue('plain', { SqsManagedSseEnabled: 'false' });
    await sqs.send(new SendMessageCommand({ QueueUrl: managed, MessageBody: secret('managed') }));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: cmk,
        Entries: [0, 1, 2].map((i) => ({ Id: `e${i}`, MessageBody: secret(`cmk${i}`) })),
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: cmk, MaxNumberOfMessages: 1 }),
    );
    expect(secrets).toContain(received.Messages?.[0]?.Body);

    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 'records', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:cmk',
      }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: secret('published') }));

    // A plaintext control proves the scan would find a body if one were stored in clear.
    const control = `CONTROL-${randomUUID()}`;
    await sqs.send(new SendMessageCommand({ QueueUrl: plain, MessageBody: control }));

    const scan = () => {
      const bytes = storedBytes(path);
      for (const value of secrets) expect(bytes.includes(Buffer.from(value))).toBe(false);
      return bytes;
    };
    expect(scan().includes(Buffer.from(control))).toBe(true);
    await h.close();
    h = undefined;
    await backend.kms.close();
    expect(scan().includes(Buffer.from(control))).toBe(true);
  });

  it('keeps no data key or data key pair private key from the KMS endpoint in the SQLite file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealbus-gateway-'));
    const path = join(dir, 'gateway.db');
    const { local } = await createBackend({ backend: 'sqlite', path }, { env: {} });
    const backend = local!;
    h = await startHarness({ kms: backend.kms, broker: backend.engine });
    const kms = h.kmsClient();
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }));
    const dataKey = await kms.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }),
    );
    const pair = await kms.send(
      new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }),
    );
    const bytes = storedBytes(path);
    const windows = (secret: Uint8Array) =>
      Array.from({ length: Math.floor(secret.length / 16) }, (_, i) =>
        Buffer.from(secret.subarray(i * 16, i * 16 + 16)),
      );
    // The ciphertext blob is stored nowhere either, but its key id is: the scan can match.
    expect(bytes.includes(Buffer.from(keyId))).toBe(true);
    for (const window of [...windows(dataKey.Plaintext!), ...windows(pair.PrivateKeyPlaintext!)]) {
      expect(bytes.includes(window)).toBe(false);
    }
  });
});
