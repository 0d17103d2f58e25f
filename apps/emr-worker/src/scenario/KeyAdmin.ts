import type { LocalBackendParts } from '@sealbus/backends';
import { kmsActivity, listQueueRows, listTopicRows } from '@sealbus/console';
import type { KeyAdmin as KmsKeyAdmin } from '@sealbus/core';
import { isSealbusError } from '@sealbus/core';

export interface KmsRequestCount {
  /** Undefined when the backend's KMS keeps no log this process can read (AWS: use CloudTrail). */
  succeeded?: number;
  /** Requests KMS refused, e.g. Decrypt by a principal the key policy denies. */
  refused?: number;
}

const DATA_KEY_OPERATIONS = ['GenerateDataKey', 'Decrypt'];
const AUDIT_QUERY_LIMIT = 100_000;

export function denyDecryptPolicy(principal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowUse', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'DenyDecrypt',
        Effect: 'Deny',
        Principal: { AWS: principal },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  });
}

/**
 * What the demo needs from a KMS beyond `KeyProvider`: its own keys, one restrictive policy and
 * the data-key request count. One class for every backend: it speaks the CLI's `KeyAdmin`, which
 * `LocalKms` implements and the aws backend adapts AWS KMS to.
 */
export class KeyAdmin {
  readonly #keys: KmsKeyAdmin;
  readonly #local: LocalBackendParts | undefined;

  /** `local`: the local engine and KMS whose audit log counts data-key requests; absent on AWS. */
  constructor(keys: KmsKeyAdmin, local?: LocalBackendParts) {
    this.#keys = keys;
    this.#local = local;
  }

  /** The ARN of the key behind `alias`, created with `description` when the alias is new. */
  async ensureKey(alias: string, description: string): Promise<string> {
    try {
      return (await this.#keys.describeKey(alias)).arn;
    } catch (error) {
      if (!isSealbusError(error) || error.code !== 'KMS.NotFoundException') throw error;
    }
    const key = await this.#keys.createKey({ description });
    await this.#keys.createAlias(alias, key.keyId);
    return key.arn;
  }

  /** The ARN of the ECC_NIST_P256 signing key behind `alias`, created when the alias is new. */
  async ensureSigningKey(alias: string, description: string): Promise<string> {
    try {
      return (await this.#keys.describeKey(alias)).arn;
    } catch (error) {
      if (!isSealbusError(error) || error.code !== 'KMS.NotFoundException') throw error;
    }
    const key = await this.#keys.createKey({
      description,
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
    });
    await this.#keys.createAlias(alias, key.keyId);
    return key.arn;
  }

  /** KMS Sign (ECDSA_SHA_256, RAW message) as `principal`. */
  async sign(keyArn: string, message: Uint8Array, principal: string): Promise<Uint8Array> {
    const { signature } = await this.#keys.sign({
      keyId: keyArn,
      message,
      signingAlgorithm: 'ECDSA_SHA_256',
      principal,
    });
    return signature;
  }

  /** KMS GetPublicKey: the DER SubjectPublicKeyInfo a verifier needs, and nothing secret. */
  async publicKey(keyArn: string): Promise<Uint8Array> {
    return (await this.#keys.getPublicKey(keyArn)).publicKey;
  }

  /** Key policy: everyone may use the key except `principal`, which may not decrypt. */
  async denyDecrypt(keyArn: string, principal: string): Promise<void> {
    await this.#keys.putKeyPolicy(keyArn, denyDecryptPolicy(principal));
  }

  /** Data-key requests (GenerateDataKey + Decrypt) since `since`, as the backend's KMS logged them. */
  async dataKeyRequests(since: Date): Promise<KmsRequestCount> {
    if (this.#local === undefined) return {};
    const { kms } = this.#local;
    const entries = (
      await Promise.all(
        DATA_KEY_OPERATIONS.map((operation) =>
          kms.auditLog({ since, operation, limit: AUDIT_QUERY_LIMIT }),
        ),
      )
    ).flat();
    const refused = entries.filter((entry) => entry.result === 'error').length;
    return { succeeded: entries.length - refused, refused };
  }

  /**
   * The KMS cost formula's requests for the calls since `since`, computed by the console's keys
   * page function (P and C are the principals seen in the audit log, B the window), so both
   * show the same number for the same window. Undefined on AWS: no audit log to read.
   */
  async costFormula(since: Date, nowMs: number): Promise<number | undefined> {
    if (this.#local === undefined) return undefined;
    const { engine, kms } = this.#local;
    const entries = await kms.auditLog({ since, limit: AUDIT_QUERY_LIMIT });
    const [queues, topics] = [await listQueueRows(engine), await listTopicRows(engine)];
    return kmsActivity(entries, queues, topics, nowMs, nowMs - since.getTime()).formulaRequests;
  }
}
