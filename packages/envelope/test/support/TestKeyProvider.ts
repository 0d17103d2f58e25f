import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import {
  type DecryptRequest,
  type DecryptResult,
  type EncryptionContext,
  type GenerateDataKeyRequest,
  type GenerateDataKeyResult,
  KeyManager,
  type KeyMetadata,
  type KeyProvider,
  KeyState,
  KmsAccessDeniedError,
  KmsDisabledError,
  KmsIncorrectKeyError,
  KmsInvalidCiphertextError,
  KmsInvalidStateError,
  KmsNotFoundError,
  type SealbusError,
} from '@sealbus/core';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const BLOB_VERSION = 1;

interface TestKey {
  readonly arn: string;
  readonly keyId: string;
  readonly material: Buffer;
  readonly creationDate: Date;
  state: KeyState;
}

/** Context bound into each wrapped data key: sorted JSON pairs (independent of the engine's encoding). */
function contextAad(context: EncryptionContext): Buffer {
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(pairs), 'utf8');
}

/**
 * A small but real KeyProvider for the envelope tests: CMKs with random 256-bit material,
 * data keys wrapped with AES-256-GCM (blob = version, key ARN, IV, wrapped key, tag; AAD =
 * encryption context), aliases, key states, per-principal decrypt denial, an outage switch and
 * a pause gate to hold calls in flight. The product's local KMS lives in @sealbus/kms-local.
 */
export class TestKeyProvider implements KeyProvider {
  readonly calls = { generateDataKey: 0, decrypt: 0 };
  /** Every data key plaintext handed out by generateDataKey, to check that the engine zeroes them. */
  readonly issuedDataKeys: Uint8Array[] = [];
  /** Every data key plaintext handed out by decrypt. */
  readonly decryptedDataKeys: Uint8Array[] = [];
  /** Principals refused `kms:Decrypt` (and `kms:GenerateDataKey`). */
  readonly deniedPrincipals = new Set<string>();
  /** While set, every call fails with this error (an outage or a throttle). */
  failure: SealbusError | undefined;
  /**
   * What Decrypt answers for a well-formed blob naming a key that does not exist: AWS KMS
   * treats the blob as invalid; a local KMS may answer NotFound, as for a deleted key.
   */
  unknownBlobKey: 'InvalidCiphertext' | 'NotFound' = 'InvalidCiphertext';
  private readonly keys = new Map<string, TestKey>();
  private readonly aliases = new Map<string, string>();
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  /** Creates a symmetric CMK and returns its ARN; `alias` is `alias/name`. */
  createKey(alias?: string): string {
    const keyId = randomUUID();
    const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;
    this.keys.set(arn, {
      arn,
      keyId,
      material: randomBytes(32),
      creationDate: new Date(),
      state: KeyState.Enabled,
    });
    if (alias !== undefined) this.aliases.set(alias, arn);
    return arn;
  }

  /** Removes a key for good, as after its deletion window. */
  deleteKey(keyId: string): void {
    this.keys.delete(this.resolve(keyId).arn);
  }

  setKeyState(keyId: string, state: KeyState): void {
    this.resolve(keyId).state = state;
  }

  /** Holds every call until `resume()`, so tests can pile up concurrent misses. */
  pause(): void {
    this.gate ??= new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  resume(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  async generateDataKey(request: GenerateDataKeyRequest): Promise<GenerateDataKeyResult> {
    this.calls.generateDataKey++;
    await this.admit(request.principal, 'kms:GenerateDataKey');
    const key = this.usableKey(request.keyId);
    const plaintext = new Uint8Array(randomBytes(32));
    this.issuedDataKeys.push(plaintext);
    const arn = Buffer.from(key.arn, 'utf8');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.material, iv);
    cipher.setAAD(contextAad(request.context));
    const wrapped = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.alloc(3);
    header.writeUInt8(BLOB_VERSION, 0);
    header.writeUInt16BE(arn.byteLength, 1);
    const ciphertextBlob = new Uint8Array(
      Buffer.concat([header, arn, iv, wrapped, cipher.getAuthTag()]),
    );
    return { keyArn: key.arn, plaintext, ciphertextBlob };
  }

  async decrypt(request: DecryptRequest): Promise<DecryptResult> {
    this.calls.decrypt++;
    await this.admit(request.principal, 'kms:Decrypt');
    const blob = Buffer.from(request.ciphertextBlob);
    const invalid = () =>
      new KmsInvalidCiphertextError(
        'the ciphertext blob is corrupt, or its encryption context does not match',
      );
    if (blob.byteLength < 3 + 1 + 12 + 32 + 16 || blob.readUInt8(0) !== BLOB_VERSION) {
      throw invalid();
    }
    const arnEnd = 3 + blob.readUInt16BE(1);
    if (blob.byteLength !== arnEnd + 12 + 32 + 16) throw invalid();
    const blobArn = blob.toString('utf8', 3, arnEnd);
    const key = this.keys.get(blobArn);
    if (key === undefined) {
      if (this.unknownBlobKey === 'InvalidCiphertext') throw invalid();
      throw new KmsNotFoundError(`key ${blobArn} does not exist`);
    }
    if (request.keyId !== undefined && this.resolve(request.keyId).arn !== key.arn) {
      throw new KmsIncorrectKeyError(`the ciphertext was not encrypted under ${request.keyId}`);
    }
    this.checkState(key);
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key.material,
      blob.subarray(arnEnd, arnEnd + 12),
    );
    decipher.setAAD(contextAad(request.context));
    decipher.setAuthTag(blob.subarray(arnEnd + 44));
    const plaintext = decipher.update(blob.subarray(arnEnd + 12, arnEnd + 44));
    try {
      decipher.final();
    } catch {
      plaintext.fill(0);
      throw invalid();
    }
    const result = new Uint8Array(plaintext);
    plaintext.fill(0);
    this.decryptedDataKeys.push(result);
    return { keyArn: key.arn, plaintext: result };
  }

  async describeKey(keyId: string): Promise<KeyMetadata> {
    const key = this.resolve(keyId);
    return {
      keyId: key.keyId,
      arn: key.arn,
      awsAccountId: ACCOUNT,
      creationDate: key.creationDate,
      enabled: key.state === KeyState.Enabled,
      keyState: key.state,
      description: '',
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyManager: KeyManager.CUSTOMER,
      origin: 'AWS_KMS',
      encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      multiRegion: false,
    };
  }

  private async admit(principal: string | undefined, action: string): Promise<void> {
    if (this.gate !== undefined) await this.gate;
    if (this.failure !== undefined) throw this.failure;
    if (principal !== undefined && this.deniedPrincipals.has(principal)) {
      throw new KmsAccessDeniedError(`${principal} is not allowed ${action}`);
    }
  }

  private resolve(keyId: string): TestKey {
    const arn = this.aliases.get(keyId) ?? keyId;
    const key =
      this.keys.get(arn) ?? [...this.keys.values()].find((candidate) => candidate.keyId === keyId);
    if (key === undefined) throw new KmsNotFoundError(`key ${keyId} does not exist`);
    return key;
  }

  private usableKey(keyId: string): TestKey {
    const key = this.resolve(keyId);
    this.checkState(key);
    return key;
  }

  private checkState(key: TestKey): void {
    if (key.state === KeyState.Disabled) throw new KmsDisabledError(`${key.arn} is disabled`);
    if (key.state !== KeyState.Enabled) {
      throw new KmsInvalidStateError(`${key.arn} is ${key.state}`);
    }
  }
}
