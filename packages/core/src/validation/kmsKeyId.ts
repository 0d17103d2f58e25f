import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterValueError } from '../errors/sqs.js';

export const MAX_KMS_ALIAS_NAME_LENGTH = 256;

/** A KMS `KeyId` input in one of the four forms KMS accepts. */
export type ParsedKmsKeyId =
  | { kind: 'keyId'; keyId: string }
  | { kind: 'keyArn'; keyId: string; partition: string; region: string; accountId: string }
  | { kind: 'aliasName'; aliasName: string }
  | { kind: 'aliasArn'; aliasName: string; partition: string; region: string; accountId: string };

/** What the four forms look like, for error messages. */
export const KMS_KEY_ID_FORMS =
  'a key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-<32 hex>), a key ARN (arn:aws:kms:<region>:<12-digit account>:key/<key id>), an alias name (alias/<name>, at most 256 characters of A-Z a-z 0-9 / _ -) or an alias ARN (arn:aws:kms:<region>:<12-digit account>:alias/<name>)';

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;
const KMS_ARN = /^arn:(aws(?:-[a-z]+)*):kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/;

/** Parses a key id, key ARN, alias name or alias ARN; `undefined` for anything else. */
export function tryParseKmsKeyId(keyId: string): ParsedKmsKeyId | undefined {
  if (typeof keyId !== 'string') return undefined;
  if (KEY_ID.test(keyId)) return { kind: 'keyId', keyId };
  if (isAliasName(keyId)) return { kind: 'aliasName', aliasName: keyId };
  const match = KMS_ARN.exec(keyId);
  if (match === null) return undefined;
  const [, partition, region, accountId, resource] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (resource.startsWith('key/')) {
    const id = resource.slice('key/'.length);
    return KEY_ID.test(id)
      ? { kind: 'keyArn', keyId: id, partition, region, accountId }
      : undefined;
  }
  return isAliasName(resource)
    ? { kind: 'aliasArn', aliasName: resource, partition, region, accountId }
    : undefined;
}

/** Parses a KMS key reference, or throws `InvalidParameterValue` naming `field`. */
export function parseKmsKeyId(keyId: string, field = 'KmsMasterKeyId'): ParsedKmsKeyId {
  const parsed = tryParseKmsKeyId(keyId);
  if (parsed === undefined) {
    throw new InvalidParameterValueError(
      `${field} must be ${KMS_KEY_ID_FORMS}; got ${describeValue(keyId)}`,
      { field },
    );
  }
  return parsed;
}

/** Throws `InvalidParameterValue` unless `keyId` is one of the four KMS key reference forms. */
export function validateKmsKeyId(keyId: string, field = 'KmsMasterKeyId'): void {
  parseKmsKeyId(keyId, field);
}

function isAliasName(value: string): boolean {
  return value.length <= MAX_KMS_ALIAS_NAME_LENGTH && ALIAS_NAME.test(value);
}
