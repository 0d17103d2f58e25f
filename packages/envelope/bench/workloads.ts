import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  getLocalCryptographicMaterialsCache,
  NodeCachingMaterialsManager,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';
import { EnvelopeEngine } from '../src/index.js';
import { ManualClock } from '../test/support/ManualClock.js';
import { TestKeyProvider } from '../test/support/TestKeyProvider.js';

/** One encrypt/decrypt pair under test; `decrypt` opens messages sealed when the workload was built. */
export interface Workload {
  readonly name: string;
  encrypt(): unknown;
  decrypt(): unknown;
}

export const CONTEXT = {
  'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:Billing-Integration',
};

/** How many distinct messages a workload cycles through when opening. */
const MESSAGES = 256;

/**
 * node:crypto AES-256-GCM, a fresh random 12-byte IV per message, no framing, no KMS. Opens
 * `MESSAGES` distinct ciphertexts in turn, like the sealbus workloads: reopening one buffer
 * would keep it in the CPU cache while sealbus walks 256 envelopes (16 MiB at 64 KiB), and
 * the ratio would measure memory traffic instead of the envelope's work.
 */
export function rawAesGcm(body: Buffer): Workload {
  const key = randomBytes(32);
  const messages = Array.from({ length: MESSAGES }, () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = cipher.update(body);
    cipher.final();
    return { iv, ciphertext, tag: cipher.getAuthTag() };
  });
  let opened = 0;
  return {
    name: 'raw AES-256-GCM',
    encrypt: () => {
      const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
      const out = c.update(body);
      c.final();
      return [out, c.getAuthTag()];
    },
    decrypt: () => {
      const { iv, ciphertext, tag } = messages[opened++ % MESSAGES]!;
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      const out = d.update(ciphertext);
      d.final();
      return out;
    },
  };
}

/**
 * Each message bound to its own id, as the broker binds every envelope to its message id:
 * per-message seal and open options, and one envelope per message to open.
 */
async function boundMessages(engine: EnvelopeEngine, keyId: string, body: Buffer) {
  const ids = Array.from({ length: MESSAGES }, () => randomUUID());
  const seal = ids.map((binding) => ({ keyId, context: CONTEXT, principal: 'producer', binding }));
  const open = ids.map((binding) => ({ context: CONTEXT, principal: 'consumer', binding }));
  const envelopes: Uint8Array[] = [];
  for (const options of seal) envelopes.push(await engine.seal(body, options));
  await engine.open(envelopes[0]!, open[0]!);
  let sealed = 0;
  let opened = 0;
  return {
    nextSeal: () => seal[sealed++ % MESSAGES]!,
    nextOpen: () => {
      const i = opened++ % MESSAGES;
      return { envelope: envelopes[i]!, options: open[i]! };
    },
  };
}

export async function sealbus(body: Buffer): Promise<Workload> {
  const kms = new TestKeyProvider();
  const keyId = kms.createKey('alias/billing');
  const engine = new EnvelopeEngine({ keyProvider: kms, clock: new ManualClock() });
  const messages = await boundMessages(engine, keyId, body);
  return {
    name: 'sealbus',
    encrypt: () => engine.seal(body, messages.nextSeal()),
    decrypt: () => {
      const { envelope, options } = messages.nextOpen();
      return engine.open(envelope, options);
    },
  };
}

function esdkKeyring(): RawAesKeyringNode {
  return new RawAesKeyringNode({
    keyName: 'bench-key',
    keyNamespace: 'sealbus-bench',
    unencryptedMasterKey: randomBytes(32),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

const esdk = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

/** ESDK default suite (committing, ECDSA P-384 signed) with a raw AES keyring. */
export async function esdkDefault(body: Buffer): Promise<Workload> {
  const keyring = esdkKeyring();
  const { result } = await esdk.encrypt(keyring, body, { encryptionContext: CONTEXT });
  return {
    name: 'ESDK default suite + raw AES keyring',
    encrypt: () => esdk.encrypt(keyring, body, { encryptionContext: CONTEXT }),
    decrypt: () => esdk.decrypt(keyring, result),
  };
}

/** ESDK's fastest setup here: caching CMM (reuse like sealbus) + committing non-signing suite. */
export async function esdkCachingNonSigning(body: Buffer): Promise<Workload> {
  const cmm = new NodeCachingMaterialsManager({
    backingMaterials: esdkKeyring(),
    cache: getLocalCryptographicMaterialsCache(100),
    maxAge: 300_000,
    maxMessagesEncrypted: 2 ** 32,
  });
  const encryptOptions = {
    encryptionContext: CONTEXT,
    suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
  };
  const { result } = await esdk.encrypt(cmm, body, encryptOptions);
  return {
    name: 'ESDK caching CMM + non-signing suite',
    encrypt: () => esdk.encrypt(cmm, body, encryptOptions),
    decrypt: () => esdk.decrypt(cmm, result),
  };
}
