import { KmsThrottlingError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { withFaults } from './faults.js';
import { LocalKms } from './LocalKms.js';

const context = { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:billing' };

describe('withFaults', () => {
  it('sees each call before the KMS does and can throttle it; a throttled call never reaches the KMS', async () => {
    const kms = new LocalKms();
    const { keyId } = await kms.createKey();
    const calls: unknown[] = [];
    let throttle = true;
    const faulty = withFaults(kms, (call) => {
      calls.push(call);
      if (throttle && call.operation === 'GenerateDataKey') {
        throw new KmsThrottlingError('Rate exceeded');
      }
    });
    await expect(
      faulty.generateDataKey({ keyId, context, principal: 'app' }),
    ).rejects.toBeInstanceOf(KmsThrottlingError);
    expect(await kms.auditLog({ operation: 'GenerateDataKey' })).toEqual([]);
    throttle = false;
    const dataKey = await faulty.generateDataKey({ keyId, context });
    await faulty.decrypt({ ciphertextBlob: dataKey.ciphertextBlob, context });
    await faulty.describeKey('alias/aws/sqs', 'reader');
    expect(calls).toEqual([
      { operation: 'GenerateDataKey', keyId, principal: 'app' },
      { operation: 'GenerateDataKey', keyId },
      { operation: 'Decrypt' },
      { operation: 'DescribeKey', keyId: 'alias/aws/sqs', principal: 'reader' },
    ]);
    expect((await kms.auditLog({ operation: 'GenerateDataKey' })).map((e) => e.result)).toEqual([
      'ok',
    ]);
  });

  it('simulates an outage with an async hook and recovers when it passes', async () => {
    const kms = new LocalKms();
    const { keyId } = await kms.createKey();
    let down = true;
    const faulty = withFaults(kms, async () => {
      await Promise.resolve();
      if (down) throw new Error('connect ECONNREFUSED');
    });
    await expect(faulty.describeKey(keyId)).rejects.toThrow(/ECONNREFUSED/);
    down = false;
    await expect(faulty.describeKey(keyId)).resolves.toMatchObject({ keyId });
  });
});
