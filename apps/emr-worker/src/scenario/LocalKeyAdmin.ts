import { isSealbusError } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import { denyDecryptPolicy, type KeyAdmin, type KmsRequestCount } from './KeyAdmin.js';

const DATA_KEY_OPERATIONS = ['GenerateDataKey', 'Decrypt'];
const AUDIT_QUERY_LIMIT = 100_000;

export class LocalKeyAdmin implements KeyAdmin {
  readonly #kms: LocalKms;

  constructor(kms: LocalKms) {
    this.#kms = kms;
  }

  async ensureKey(alias: string, description: string): Promise<string> {
    try {
      return (await this.#kms.describeKey(alias)).arn;
    } catch (error) {
      if (!isSealbusError(error) || error.code !== 'KMS.NotFoundException') throw error;
    }
    const key = await this.#kms.createKey({ description });
    await this.#kms.createAlias(alias, key.keyId);
    return key.arn;
  }

  async denyDecrypt(keyArn: string, principal: string): Promise<void> {
    await this.#kms.putKeyPolicy(keyArn, denyDecryptPolicy(principal));
  }

  async dataKeyRequests(since: Date): Promise<KmsRequestCount> {
    const entries = (
      await Promise.all(
        DATA_KEY_OPERATIONS.map((operation) =>
          this.#kms.auditLog({ since, operation, limit: AUDIT_QUERY_LIMIT }),
        ),
      )
    ).flat();
    const refused = entries.filter((entry) => entry.result === 'error').length;
    return { succeeded: entries.length - refused, refused };
  }
}
