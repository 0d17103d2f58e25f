import type { SealbusErrorCode } from './catalogue.js';
import { errorBase, SealbusError } from './SealbusError.js';

/** The key is disabled. Enable it (`enableKey`) or point the queue/topic at another key. */
export class KmsDisabledError extends errorBase('KMS.DisabledException') {}

/** The principal is not allowed this operation by the key policy. */
export class KmsAccessDeniedError extends errorBase('KMS.AccessDeniedException') {}

export class KmsNotFoundError extends errorBase('KMS.NotFoundException') {}

/** The key is in a state that forbids the operation, e.g. `PendingDeletion`. */
export class KmsInvalidStateError extends errorBase('KMS.InvalidStateException') {}

export class KmsThrottlingError extends errorBase('KMS.ThrottlingException') {}

export class KmsOptInRequiredError extends errorBase('KMS.OptInRequired') {}

export class KmsInvalidKeyUsageError extends errorBase('KMS.InvalidKeyUsageException') {}

/** The ciphertext is corrupt or its encryption context does not match. */
export class KmsInvalidCiphertextError extends errorBase('KMS.InvalidCiphertextException') {}

/** The ciphertext belongs to another key than the one requested. */
export class KmsIncorrectKeyError extends errorBase('KMS.IncorrectKeyException') {}

export class KmsAlreadyExistsError extends errorBase('KMS.AlreadyExistsException') {}

export class KmsInvalidAliasNameError extends errorBase('KMS.InvalidAliasNameException') {}

export class KmsInvalidArnError extends errorBase('KMS.InvalidArnException') {}

/** A pagination `marker` that no earlier List* response returned. */
export class KmsInvalidMarkerError extends errorBase('KMS.InvalidMarkerException') {}

export class KmsMalformedPolicyDocumentError extends errorBase(
  'KMS.MalformedPolicyDocumentException',
) {}

export class KmsValidationError extends errorBase('KMS.ValidationException') {}

export class KmsUnsupportedOperationError extends errorBase('KMS.UnsupportedOperationException') {}

/** KMS could not be reached or failed internally; retry later. */
export class KmsInternalError extends errorBase('KMS.KMSInternalException') {}

export class KmsKeyUnavailableError extends errorBase('KMS.KeyUnavailableException') {}

/** A signature that does not verify under the key, algorithm and message given. */
export class KmsInvalidSignatureError extends errorBase('KMS.KMSInvalidSignatureException') {}

/** A MAC that does not verify under the HMAC key, algorithm and message given. */
export class KmsInvalidMacError extends errorBase('KMS.KMSInvalidMacException') {}

/** A KMS quota was exceeded (tags per key, grants per key, ...). */
export class KmsLimitExceededError extends errorBase('KMS.LimitExceededException') {}

/** A tag key or value is not valid (reserved `aws:` prefix, bad characters or length). */
export class KmsTagError extends errorBase('KMS.TagException') {}

export class KmsInvalidGrantTokenError extends errorBase('KMS.InvalidGrantTokenException') {}

export class KmsInvalidGrantIdError extends errorBase('KMS.InvalidGrantIdException') {}

/** The caller may not act on this resource at all, e.g. an alias reserved for AWS. */
export class KmsNotAuthorizedError extends errorBase('KMS.NotAuthorizedException') {}

/**
 * The local KMS's root key file is missing while its database holds keys wrapped by it. Nothing
 * is written: a new root key could never open those keys, so the file must be restored. AWS's
 * code for key material that is unavailable; retryable, since restoring the file fixes it.
 */
export class KmsRootKeyMissingError extends KmsKeyUnavailableError {
  override readonly name: string = 'KmsRootKeyMissingError';
  readonly rootKeyPath: string;

  constructor(rootKeyPath: string, databasePath: string) {
    super(
      `The root key file ${JSON.stringify(rootKeyPath)} is missing, but the KMS database ${JSON.stringify(databasePath)} holds keys wrapped by it. Restore that file (mode 0600) from the backup made with the database, e.g. by "sealbus backup --with-root-key"; no new root key was written, because a new one could never open these keys.`,
      { field: 'rootKeyPath' },
    );
    this.rootKeyPath = rootKeyPath;
  }
}

/** Key states that end when someone acts (enable the key, cancel its deletion). */
const KEY_STATE_CODES: ReadonlySet<SealbusErrorCode> = new Set<SealbusErrorCode>([
  'KMS.DisabledException',
  'KMS.InvalidStateException',
  'KMS.KeyUnavailableException',
]);

/**
 * Whether a KMS error says the key cannot be used right now (disabled, pending deletion,
 * throttled, KMS unreachable) rather than that this caller or message is refused for good.
 * Such a failure is not the message's fault: brokers hold the message back, consumers back off.
 */
export function isKmsKeyUnavailable(error: unknown): boolean {
  if (!(error instanceof SealbusError)) return false;
  return KEY_STATE_CODES.has(error.code) || (error.retryable && error.code.startsWith('KMS.'));
}
