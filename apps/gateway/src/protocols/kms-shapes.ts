import { describeValue } from '@sealbus/core';
import { kmsError } from '@sealbus/kms-local';

/**
 * The KMS JSON 1.1 input shapes this gateway serves: one entry per operation, one per member,
 * as in the KMS API reference. Decoding follows the table (blobs are base64, timestamps epoch
 * seconds) and the action handlers are typed from it, so a member the table does not declare
 * cannot be read by mistake. `unsupported` members are refused when present rather than
 * ignored, because ignoring them would change what the caller gets (e.g. `Recipient`).
 */
type MemberType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'blob'
  | 'stringList'
  | 'stringMap'
  | 'tagList'
  | 'grantConstraints'
  | 'unsupported';

interface MemberSpec {
  readonly type: MemberType;
  readonly required: boolean;
}

const req = <T extends MemberType>(type: T) => ({ type, required: true }) as const;
const opt = <T extends MemberType>(type: T) => ({ type, required: false }) as const;

const KEY = { KeyId: req('string') } as const;
const GRANT_TOKENS = { GrantTokens: opt('stringList') } as const;
const DRY_RUN = { DryRun: opt('boolean') } as const;
const PAGE = { Limit: opt('integer'), Marker: opt('string') } as const;

export const KMS_SHAPES = {
  CreateKey: {
    Policy: opt('string'),
    Description: opt('string'),
    KeyUsage: opt('string'),
    CustomerMasterKeySpec: opt('string'),
    KeySpec: opt('string'),
    Origin: opt('string'),
    CustomKeyStoreId: opt('unsupported'),
    XksKeyId: opt('unsupported'),
    BypassPolicyLockoutSafetyCheck: opt('boolean'),
    Tags: opt('tagList'),
    MultiRegion: opt('boolean'),
  },
  DescribeKey: { ...KEY, ...GRANT_TOKENS },
  ListKeys: { ...PAGE },
  EnableKey: { ...KEY },
  DisableKey: { ...KEY },
  ScheduleKeyDeletion: { ...KEY, PendingWindowInDays: opt('integer') },
  CancelKeyDeletion: { ...KEY },
  UpdateKeyDescription: { ...KEY, Description: req('string') },
  GetKeyPolicy: { ...KEY, PolicyName: opt('string') },
  PutKeyPolicy: {
    ...KEY,
    PolicyName: opt('string'),
    Policy: req('string'),
    BypassPolicyLockoutSafetyCheck: opt('boolean'),
  },
  ListKeyPolicies: { ...KEY, ...PAGE },
  CreateAlias: { AliasName: req('string'), TargetKeyId: req('string') },
  UpdateAlias: { AliasName: req('string'), TargetKeyId: req('string') },
  DeleteAlias: { AliasName: req('string') },
  ListAliases: { KeyId: opt('string'), ...PAGE },
  GenerateDataKey: {
    ...KEY,
    EncryptionContext: opt('stringMap'),
    NumberOfBytes: opt('integer'),
    KeySpec: opt('string'),
    Recipient: opt('unsupported'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  GenerateDataKeyWithoutPlaintext: {
    ...KEY,
    EncryptionContext: opt('stringMap'),
    NumberOfBytes: opt('integer'),
    KeySpec: opt('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  GenerateDataKeyPair: {
    ...KEY,
    KeyPairSpec: req('string'),
    EncryptionContext: opt('stringMap'),
    Recipient: opt('unsupported'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  GenerateDataKeyPairWithoutPlaintext: {
    ...KEY,
    KeyPairSpec: req('string'),
    EncryptionContext: opt('stringMap'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  GenerateRandom: {
    NumberOfBytes: opt('integer'),
    CustomKeyStoreId: opt('unsupported'),
    Recipient: opt('unsupported'),
  },
  Encrypt: {
    ...KEY,
    Plaintext: req('blob'),
    EncryptionContext: opt('stringMap'),
    EncryptionAlgorithm: opt('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  Decrypt: {
    CiphertextBlob: req('blob'),
    KeyId: opt('string'),
    EncryptionContext: opt('stringMap'),
    EncryptionAlgorithm: opt('string'),
    Recipient: opt('unsupported'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  ReEncrypt: {
    CiphertextBlob: req('blob'),
    SourceEncryptionContext: opt('stringMap'),
    SourceKeyId: opt('string'),
    DestinationKeyId: req('string'),
    DestinationEncryptionContext: opt('stringMap'),
    SourceEncryptionAlgorithm: opt('string'),
    DestinationEncryptionAlgorithm: opt('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  Sign: {
    ...KEY,
    Message: req('blob'),
    MessageType: opt('string'),
    SigningAlgorithm: req('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  Verify: {
    ...KEY,
    Message: req('blob'),
    MessageType: opt('string'),
    Signature: req('blob'),
    SigningAlgorithm: req('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  GetPublicKey: { ...KEY, ...GRANT_TOKENS },
  GenerateMac: {
    ...KEY,
    Message: req('blob'),
    MacAlgorithm: req('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  VerifyMac: {
    ...KEY,
    Message: req('blob'),
    MacAlgorithm: req('string'),
    Mac: req('blob'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  CreateGrant: {
    ...KEY,
    GranteePrincipal: req('string'),
    RetiringPrincipal: opt('string'),
    Operations: req('stringList'),
    Constraints: opt('grantConstraints'),
    Name: opt('string'),
    ...GRANT_TOKENS,
    ...DRY_RUN,
  },
  ListGrants: { ...KEY, GrantId: opt('string'), GranteePrincipal: opt('string'), ...PAGE },
  ListRetirableGrants: { RetiringPrincipal: req('string'), ...PAGE },
  RetireGrant: {
    GrantToken: opt('string'),
    KeyId: opt('string'),
    GrantId: opt('string'),
    ...DRY_RUN,
  },
  RevokeGrant: { ...KEY, GrantId: req('string'), ...DRY_RUN },
  TagResource: { ...KEY, Tags: req('tagList') },
  UntagResource: { ...KEY, TagKeys: req('stringList') },
  ListResourceTags: { ...KEY, ...PAGE },
  EnableKeyRotation: { ...KEY, RotationPeriodInDays: opt('integer') },
  DisableKeyRotation: { ...KEY },
  GetKeyRotationStatus: { ...KEY },
  RotateKeyOnDemand: { ...KEY },
  ListKeyRotations: { ...KEY, ...PAGE },
} as const satisfies Record<string, Record<string, MemberSpec>>;

export type KmsOperation = keyof typeof KMS_SHAPES;

interface MemberValues {
  string: string;
  integer: number;
  boolean: boolean;
  blob: Uint8Array;
  stringList: string[];
  stringMap: Record<string, string>;
  tagList: Record<string, string>;
  grantConstraints: {
    encryptionContextSubset?: Record<string, string>;
    encryptionContextEquals?: Record<string, string>;
  };
  unsupported: never;
}

type Shape<Op extends KmsOperation> = (typeof KMS_SHAPES)[Op];
type RequiredNames<S> = {
  [M in keyof S]: S[M] extends { required: true } ? M : never;
}[keyof S];
type ValueOf<Spec> = Spec extends { type: infer T extends MemberType } ? MemberValues[T] : never;

/** The decoded input of one operation: required members present, blobs as bytes. */
export type KmsInput<Op extends KmsOperation> = {
  [M in RequiredNames<Shape<Op>>]: ValueOf<Shape<Op>[M]>;
} & {
  [M in Exclude<keyof Shape<Op>, RequiredNames<Shape<Op>>>]?: ValueOf<Shape<Op>[M]>;
};

/** AWS names members in validation messages in lowerCamelCase: `keyId`, `plaintext`. */
function wireMember(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function invalid(name: string, value: unknown, constraint: string) {
  const shown =
    value === null || value === undefined
      ? 'null'
      : `'${describeValue(value).replace(/^"|"$/g, '')}'`;
  return kmsError(
    'constraint',
    { value: shown, member: wireMember(name), constraint },
    { field: name },
  );
}

/** Decodes and type-checks a JSON request body against the operation's shape. */
export function decodeKmsInput<Op extends KmsOperation>(
  operation: Op,
  body: Readonly<Record<string, unknown>>,
): KmsInput<Op> {
  const shape: Readonly<Record<string, MemberSpec>> = KMS_SHAPES[operation];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(shape)) {
    const value = body[name];
    if (value === undefined || value === null) {
      if (spec.required) throw invalid(name, null, 'Member must not be null');
      continue;
    }
    out[name] = decodeMember(name, spec.type, value);
  }
  return out as KmsInput<Op>;
}

function decodeMember(name: string, type: MemberType, value: unknown): unknown {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(name, value, 'Member must be a string');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw invalid(name, value, 'Member must be an integer');
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(name, value, 'Member must be a boolean');
      return value;
    case 'blob':
      if (
        typeof value !== 'string' ||
        !/^[A-Za-z0-9+/]*={0,2}$/.test(value) ||
        value.length % 4 === 1
      ) {
        throw invalid(name, value, 'Member must be base64-encoded binary data');
      }
      return new Uint8Array(Buffer.from(value, 'base64'));
    case 'stringList':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        throw invalid(name, value, 'Member must be a list of strings');
      }
      return value;
    case 'stringMap':
      return stringMap(name, value);
    case 'tagList':
      return tagList(name, value);
    case 'grantConstraints': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw invalid(name, value, 'Member must be a structure');
      }
      const record = value as Record<string, unknown>;
      return {
        ...(record['EncryptionContextSubset'] == null
          ? {}
          : {
              encryptionContextSubset: stringMap(
                `${name}.EncryptionContextSubset`,
                record['EncryptionContextSubset'],
              ),
            }),
        ...(record['EncryptionContextEquals'] == null
          ? {}
          : {
              encryptionContextEquals: stringMap(
                `${name}.EncryptionContextEquals`,
                record['EncryptionContextEquals'],
              ),
            }),
      };
    }
    case 'unsupported':
      throw kmsError(
        'invalidParameter',
        { detail: `${name} is not supported by this local KMS; omit it.` },
        { field: name },
      );
  }
}

function stringMap(name: string, value: unknown): Record<string, string> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((item) => typeof item !== 'string')
  ) {
    throw invalid(name, value, 'Member must be a map of strings to strings');
  }
  return { ...(value as Record<string, string>) };
}

/** `[{TagKey, TagValue}]` as a map; the KMS checks keys and values. */
function tagList(name: string, value: unknown): Record<string, string> {
  if (!Array.isArray(value)) throw invalid(name, value, 'Member must be a list of tags');
  const tags: Record<string, string> = {};
  for (const tag of value) {
    const key = (tag as Record<string, unknown> | null)?.['TagKey'];
    const tagValue = (tag as Record<string, unknown> | null)?.['TagValue'];
    if (typeof key !== 'string')
      throw invalid(`${name}.member.tagKey`, key, 'Member must not be null');
    if (typeof tagValue !== 'string') {
      throw invalid(`${name}.member.tagValue`, tagValue, 'Member must not be null');
    }
    tags[key] = tagValue;
  }
  return tags;
}
