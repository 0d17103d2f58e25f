import { SealbusError } from './SealbusError.js';

/** The key is disabled. Enable it (`enableKey`) or point the queue/topic at another key. */
export class KmsDisabledError extends SealbusError {
  override readonly name = 'KmsDisabledError';
  readonly code = 'KMS.DisabledException';
}

/** The principal is not allowed this operation by the key policy. */
export class KmsAccessDeniedError extends SealbusError {
  override readonly name = 'KmsAccessDeniedError';
  readonly code = 'KMS.AccessDeniedException';
}

export class KmsNotFoundError extends SealbusError {
  override readonly name = 'KmsNotFoundError';
  readonly code = 'KMS.NotFoundException';
}

/** The key is in a state that forbids the operation, e.g. `PendingDeletion`. */
export class KmsInvalidStateError extends SealbusError {
  override readonly name = 'KmsInvalidStateError';
  readonly code = 'KMS.InvalidStateException';
}

export class KmsThrottlingError extends SealbusError {
  override readonly name = 'KmsThrottlingError';
  readonly code = 'KMS.ThrottlingException';
  override readonly retryable = true;
}

export class KmsOptInRequiredError extends SealbusError {
  override readonly name = 'KmsOptInRequiredError';
  readonly code = 'KMS.OptInRequired';
}

export class KmsInvalidKeyUsageError extends SealbusError {
  override readonly name = 'KmsInvalidKeyUsageError';
  readonly code = 'KMS.InvalidKeyUsageException';
}

/** The ciphertext is corrupt or its encryption context does not match. */
export class KmsInvalidCiphertextError extends SealbusError {
  override readonly name = 'KmsInvalidCiphertextError';
  readonly code = 'KMS.InvalidCiphertextException';
}

/** The ciphertext belongs to another key than the one requested. */
export class KmsIncorrectKeyError extends SealbusError {
  override readonly name = 'KmsIncorrectKeyError';
  readonly code = 'KMS.IncorrectKeyException';
}

export class KmsAlreadyExistsError extends SealbusError {
  override readonly name = 'KmsAlreadyExistsError';
  readonly code = 'KMS.AlreadyExistsException';
}

export class KmsInvalidAliasNameError extends SealbusError {
  override readonly name = 'KmsInvalidAliasNameError';
  readonly code = 'KMS.InvalidAliasNameException';
}

export class KmsInvalidArnError extends SealbusError {
  override readonly name = 'KmsInvalidArnError';
  readonly code = 'KMS.InvalidArnException';
}

/** A pagination `marker` that no earlier List* response returned. */
export class KmsInvalidMarkerError extends SealbusError {
  override readonly name = 'KmsInvalidMarkerError';
  readonly code = 'KMS.InvalidMarkerException';
}

export class KmsMalformedPolicyDocumentError extends SealbusError {
  override readonly name = 'KmsMalformedPolicyDocumentError';
  readonly code = 'KMS.MalformedPolicyDocumentException';
}

export class KmsValidationError extends SealbusError {
  override readonly name = 'KmsValidationError';
  readonly code = 'KMS.ValidationException';
}

export class KmsUnsupportedOperationError extends SealbusError {
  override readonly name = 'KmsUnsupportedOperationError';
  readonly code = 'KMS.UnsupportedOperationException';
}

/** KMS could not be reached or failed internally; retry later. */
export class KmsInternalError extends SealbusError {
  override readonly name = 'KmsInternalError';
  readonly code = 'KMS.KMSInternalException';
  override readonly fault = 'server' as const;
  override readonly retryable = true;
}

export class KmsKeyUnavailableError extends SealbusError {
  override readonly name = 'KmsKeyUnavailableError';
  readonly code = 'KMS.KeyUnavailableException';
  override readonly fault = 'server' as const;
  override readonly retryable = true;
}

/** A signature that does not verify under the key, algorithm and message given. */
export class KmsInvalidSignatureError extends SealbusError {
  override readonly name = 'KmsInvalidSignatureError';
  readonly code = 'KMS.KMSInvalidSignatureException';
}

/** A MAC that does not verify under the HMAC key, algorithm and message given. */
export class KmsInvalidMacError extends SealbusError {
  override readonly name = 'KmsInvalidMacError';
  readonly code = 'KMS.KMSInvalidMacException';
}

/** A KMS quota was exceeded (tags per key, grants per key, ...). */
export class KmsLimitExceededError extends SealbusError {
  override readonly name = 'KmsLimitExceededError';
  readonly code = 'KMS.LimitExceededException';
}

/** A tag key or value is not valid (reserved `aws:` prefix, bad characters or length). */
export class KmsTagError extends SealbusError {
  override readonly name = 'KmsTagError';
  readonly code = 'KMS.TagException';
}

export class KmsInvalidGrantTokenError extends SealbusError {
  override readonly name = 'KmsInvalidGrantTokenError';
  readonly code = 'KMS.InvalidGrantTokenException';
}

export class KmsInvalidGrantIdError extends SealbusError {
  override readonly name = 'KmsInvalidGrantIdError';
  readonly code = 'KMS.InvalidGrantIdException';
}

/** The caller may not act on this resource at all, e.g. an alias reserved for AWS. */
export class KmsNotAuthorizedError extends SealbusError {
  override readonly name = 'KmsNotAuthorizedError';
  readonly code = 'KMS.NotAuthorizedException';
}

/**
 * The local KMS's root key file is missing while its database holds keys wrapped by it. Nothing
 * is written: a new root key could never open those keys, so the file must be restored. AWS's
 * code for key material that is unavailable; retryable, since restoring the file fixes it.
 */
export class KmsRootKeyMissingError extends SealbusError {
  override readonly name = 'KmsRootKeyMissingError';
  readonly code = 'KMS.KeyUnavailableException';
  override readonly fault = 'server' as const;
  override readonly retryable = true;
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
const KEY_STATE_CODES: ReadonlySet<string> = new Set([
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
