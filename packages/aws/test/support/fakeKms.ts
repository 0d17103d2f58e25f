import { createHash, randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  type KMSClient,
  KMSServiceException,
} from '@aws-sdk/client-kms';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export const KEY_ARN =
  'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * KMS data-key semantics on a client stub: real random data keys, ciphertext blobs bound to
 * their encryption context, and a switch that denies Decrypt as a key policy would.
 */
export function fakeKms(kms: AwsClientStub<KMSClient>, keys: FakeKeyStore = new Map()) {
  const state = { denyDecrypt: false, generateCalls: 0, decryptCalls: 0, keys };
  kms
    .on(GenerateDataKeyCommand)
    .callsFake((input: { EncryptionContext?: Record<string, string>; KeySpec?: string }) => {
      state.generateCalls++;
      if (input.KeySpec !== 'AES_256') throw new Error(`unexpected KeySpec ${input.KeySpec}`);
      const plaintext = randomBytes(32);
      const blob = randomBytes(48);
      keys.set(blob.toString('hex'), { plaintext, context: canonical(input.EncryptionContext) });
      return {
        KeyId: KEY_ARN,
        Plaintext: new Uint8Array(plaintext),
        CiphertextBlob: new Uint8Array(blob),
      };
    });
  kms
    .on(DecryptCommand)
    .callsFake(
      (input: { CiphertextBlob: Uint8Array; EncryptionContext?: Record<string, string> }) => {
        state.decryptCalls++;
        if (state.denyDecrypt) {
          throw new KMSServiceException({
            name: 'AccessDeniedException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
            message: 'not authorized to perform kms:Decrypt',
          });
        }
        const entry = keys.get(Buffer.from(input.CiphertextBlob).toString('hex'));
        if (entry === undefined || entry.context !== canonical(input.EncryptionContext)) {
          throw new InvalidCiphertextException({
            message: 'bad ciphertext or context',
            $metadata: {},
          });
        }
        return { KeyId: KEY_ARN, Plaintext: new Uint8Array(entry.plaintext) };
      },
    );
  return state;
}

/** Data keys by ciphertext blob; share one between stubs to model one KMS behind several clients. */
export type FakeKeyStore = Map<string, { plaintext: Buffer; context: string }>;

function canonical(context: Record<string, string> | undefined): string {
  const sorted = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
