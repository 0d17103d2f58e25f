import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONSUMER, type Harness, PRODUCER, startHarness } from './harness.js';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'boto3', 'kms_scenario.py');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('boto3 signs, verifies, grants, revokes and MACs through the gateway, with AWS codes on errors', async () => {
  const { stdout } = await run('python3', [
    script,
    h.gateway.url,
    PRODUCER.accessKeyId,
    PRODUCER.secretAccessKey,
    CONSUMER.accessKeyId,
    CONSUMER.secretAccessKey,
  ]);
  const out = JSON.parse(stdout);
  expect(out.metadata).toEqual({
    KeySpec: 'ECC_NIST_P256',
    KeyUsage: 'SIGN_VERIFY',
    SigningAlgorithms: ['ECDSA_SHA_256'],
  });
  // The boto3 signature verifies with node:crypto from the DER public key alone.
  const publicKey = createPublicKey({
    key: Buffer.from(out.publicKey, 'base64'),
    format: 'der',
    type: 'spki',
  });
  expect(
    verify(
      'sha256',
      Buffer.from('Rx 42: ibuprofen 400 mg'),
      publicKey,
      Buffer.from(out.signature, 'base64'),
    ),
  ).toBe(true);
  expect(out.verified).toBe(true);
  expect(out.badSignature).toMatchObject({ code: 'KMSInvalidSignatureException', status: 400 });
  expect(out.deniedBeforeGrant).toMatchObject({ code: 'AccessDeniedException', status: 400 });
  expect(out.signedWithGrant).toBe('ECDSA_SHA_256');
  expect(out.retirable).toEqual([out.grantId]);
  expect(out.deniedAfterRevoke).toMatchObject({ code: 'AccessDeniedException' });
  expect(out.macValid).toBe(true);
  expect(out.badMac).toMatchObject({ code: 'KMSInvalidMacException' });
  expect(out.random).toBe(32);
  expect(out.tags).toEqual([{ TagKey: 'app', TagValue: 'emr' }]);
  expect(out.policies).toEqual(['default']);
  expect(out.aliasPrefix).toEqual({
    code: 'ValidationException',
    message:
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    status: 400,
  });
  expect(out.aliasReserved).toMatchObject({ code: 'NotAuthorizedException' });
  expect(out.scheduled).toBe(out.arn);
});
