import { createSealbusError, type PlainErrorCode, type SealbusError } from '@sealbus/core';

interface KmsErrorSpec {
  /** The catalogue code; its class, fault, status and AWS KMS wire code come from `ERROR_CATALOGUE`. */
  readonly code: PlainErrorCode & `KMS.${string}`;
  /** AWS's message text; `{name}` placeholders are filled from the call's parameters. */
  readonly text: string;
}

/**
 * The message texts of every error the local KMS raises, as AWS KMS returns them (placeholders
 * in braces), one per situation, with the catalogue code they go out under. Code, class, status
 * and wire name are the catalogue's; only the per-situation texts live here.
 */
export const KMS_ERRORS = {
  /** AWS's request-validation form, used for every constraint on a request member. */
  constraint: {
    code: 'KMS.ValidationException',
    text: "1 validation error detected: Value {value} at '{member}' failed to satisfy constraint: {constraint}",
  },
  invalidParameter: { code: 'KMS.ValidationException', text: '{detail}' },
  aliasMissingPrefix: {
    code: 'KMS.ValidationException',
    text: 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
  },
  aliasInvalidCharacters: {
    code: 'KMS.ValidationException',
    text: "1 validation error detected: Value '{alias}' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
  },
  aliasReserved: {
    code: 'KMS.NotAuthorizedException',
    text: 'Aliases beginning with alias/aws/ are reserved for AWS managed keys: {alias} cannot be created, updated or deleted.',
  },
  aliasExists: {
    code: 'KMS.AlreadyExistsException',
    text: 'An alias with the name {aliasArn} already exists',
  },
  aliasNotFound: { code: 'KMS.NotFoundException', text: 'Alias {aliasArn} is not found.' },
  keyNotFound: { code: 'KMS.NotFoundException', text: "Key '{arn}' does not exist" },
  invalidKeyId: { code: 'KMS.NotFoundException', text: 'Invalid keyId {keyId}' },
  invalidArn: { code: 'KMS.InvalidArnException', text: 'Invalid arn {keyId}' },
  keyDisabled: { code: 'KMS.DisabledException', text: '{arn} is disabled.' },
  keyPendingDeletion: { code: 'KMS.InvalidStateException', text: '{arn} is pending deletion.' },
  keyNotPendingDeletion: {
    code: 'KMS.InvalidStateException',
    text: '{arn} is not pending deletion (it is {state}).',
  },
  accessDenied: {
    code: 'KMS.AccessDeniedException',
    text: 'User: {principal} is not authorized to perform: {action} on resource: {arn} because no resource-based policy allows the {action} action',
  },
  explicitDeny: {
    code: 'KMS.AccessDeniedException',
    text: 'User: {principal} is not authorized to perform: {action} on resource: {arn} with an explicit deny in a resource-based policy',
  },
  awsManagedKey: {
    code: 'KMS.AccessDeniedException',
    text: 'User: {principal} is not authorized to perform: {action} on resource: {arn} because it is an AWS managed key, which only AWS manages',
  },
  incorrectKey: {
    code: 'KMS.IncorrectKeyException',
    text: 'The key ID in the request does not identify a CMK that can perform this operation.',
  },
  invalidKeyUsage: {
    code: 'KMS.InvalidKeyUsageException',
    text: '{arn} key usage is {usage} which is not valid for {operation}.',
  },
  invalidEncryptionAlgorithm: {
    code: 'KMS.InvalidKeyUsageException',
    text: 'Algorithm {algorithm} is incompatible with key spec {keySpec}.',
  },
  unsupportedForKeySpec: {
    code: 'KMS.UnsupportedOperationException',
    text: '{arn} key spec is {keySpec}, which does not support {operation}.',
  },
  invalidCiphertext: { code: 'KMS.InvalidCiphertextException', text: '{detail}' },
  invalidSignature: { code: 'KMS.KMSInvalidSignatureException', text: '' },
  invalidMac: { code: 'KMS.KMSInvalidMacException', text: '' },
  invalidMarker: { code: 'KMS.InvalidMarkerException', text: 'Invalid marker {marker}' },
  malformedPolicy: { code: 'KMS.MalformedPolicyDocumentException', text: '{detail}' },
  policyNotFound: { code: 'KMS.NotFoundException', text: 'No such policy exists: {policyName}' },
  grantNotFound: { code: 'KMS.NotFoundException', text: 'Grant ID {grantId} not found' },
  invalidGrantId: { code: 'KMS.InvalidGrantIdException', text: 'Invalid grant ID {grantId}' },
  invalidGrantToken: { code: 'KMS.InvalidGrantTokenException', text: 'Invalid grant token' },
  grantLimit: {
    code: 'KMS.LimitExceededException',
    text: 'The request was rejected because the key {arn} already has {limit} grants.',
  },
  tagReserved: { code: 'KMS.TagException', text: 'Tags beginning with aws: are reserved.' },
  tagInvalid: { code: 'KMS.TagException', text: 'Tag {what} {value} is not valid: {reason}' },
  tagLimit: {
    code: 'KMS.LimitExceededException',
    text: 'The request was rejected because the key {arn} would have {count} tags; a key takes at most {limit}.',
  },
  notSupportedHere: {
    code: 'KMS.UnsupportedOperationException',
    text: '{feature} is not supported by this local KMS: {reason}',
  },
  internal: { code: 'KMS.KMSInternalException', text: '{detail}' },
} as const satisfies Record<string, KmsErrorSpec>;

export type KmsErrorId = keyof typeof KMS_ERRORS;

/** The `{name}` placeholders of a text, as a union of names. */
export type KmsTextPlaceholders<Text extends string> =
  Text extends `${string}{${infer Name}}${infer Rest}` ? Name | KmsTextPlaceholders<Rest> : never;

export type KmsErrorParams<Id extends KmsErrorId> = Record<
  KmsTextPlaceholders<(typeof KMS_ERRORS)[Id]['text']>,
  string | number
>;

/** Builds the core error of a table entry; `field` names the request member at fault. */
export function kmsError<Id extends KmsErrorId>(
  id: Id,
  params: KmsErrorParams<Id>,
  options: { field?: string; cause?: unknown } = {},
): SealbusError {
  const spec: KmsErrorSpec = KMS_ERRORS[id];
  const values = params as Record<string, string | number>;
  const message = spec.text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  return createSealbusError(spec.code, message, options);
}

/** AWS's validation form for one member; `value` is rendered as AWS renders it (see `wireValue`). */
export function constraintError(member: string, value: string, constraint: string): SealbusError {
  return kmsError('constraint', { value, member, constraint }, { field: member });
}

/**
 * A value as AWS's Java front end prints it in validation messages: strings quoted, numbers
 * bare, blobs as the `HeapByteBuffer` that holds them (so plaintext is never echoed).
 */
export function wireValue(value: unknown): string {
  if (value instanceof Uint8Array) {
    return `'java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]'`;
  }
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
}
