import { createVerify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalString } from '@sealbus/broker-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { persistentSigningIdentity } from './signingIdentity.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('persistentSigningIdentity', () => {
  it('keeps the private key 0600 beside the database and reuses it on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-'));
    dirs.push(dir);
    const base = join(dir, 'nested', 'gateway.db');
    const first = persistentSigningIdentity(base);
    expect(statSync(`${base}.sns-signing-key.pem`).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    const second = persistentSigningIdentity(base);
    expect(second.certificatePem).toBe(first.certificatePem);
    expect(second.signer.certificatePath).toBe(first.signer.certificatePath);
    // The certificate verifies what the key signs.
    const message = {
      Type: 'Notification',
      MessageId: 'm',
      TopicArn: 't',
      Message: 'x',
      Timestamp: 'ts',
    };
    const signature = second.signer.sign(canonicalString(message), '2');
    expect(
      createVerify('RSA-SHA256')
        .update(canonicalString(message))
        .verify(first.certificatePem, signature, 'base64'),
    ).toBe(true);
  });
});
